import type { FixStep } from './schema.js';

/**
 * The markers of one fix step, in the order they are shown: the worst news first, so the
 * engineer reads "irreversible" before the instruction, not after having run it.
 */
export type StepMarker =
  | { kind: 'irreversible'; what: string; backupStep?: number }
  | { kind: 'disruptive'; what: string }
  | { kind: 'readsSecret'; what: string }
  | { kind: 'perNode' }
  | { kind: 'backup' };

/** `backupStep` is the 1-based number of the nearest earlier backup step in the same list, if any. */
export function stepMarkers(steps: readonly FixStep[], index: number): StepMarker[] {
  const step = steps[index];
  if (!step) return [];
  const markers: StepMarker[] = [];
  if (step.irreversible) {
    const backupIndex = steps.slice(0, index).findLastIndex((s) => s.backup === true);
    markers.push({ kind: 'irreversible', what: step.irreversible, ...(backupIndex >= 0 ? { backupStep: backupIndex + 1 } : {}) });
  }
  if (step.disruptive) markers.push({ kind: 'disruptive', what: step.disruptive });
  if (step.readsSecret) markers.push({ kind: 'readsSecret', what: step.readsSecret });
  if (step.perNode) markers.push({ kind: 'perNode' });
  if (step.backup) markers.push({ kind: 'backup' });
  return markers;
}

/** How a renderer shows emphasis and text from knowledge files; the words are the same everywhere. */
export interface MarkerStyle {
  strong(words: string): string;
  /** marker details come from knowledge files: escaped where the output format needs it */
  text(fromKnowledge: string): string;
  warning: string;
}

function markerWords(marker: StepMarker, style: MarkerStyle): string {
  switch (marker.kind) {
    case 'irreversible': {
      const backup = marker.backupStep ? `back up first (step ${marker.backupStep})` : 'back up first';
      return `⛔ ${style.strong('irreversible')} (${style.text(marker.what)}) — ${backup}`;
    }
    case 'disruptive':
      return `${style.warning} ${style.strong('disruptive')} (${style.text(marker.what)})`;
    case 'readsSecret':
      return `🔑 ${style.strong('shows secret material')} (${style.text(marker.what)})`;
    case 'perNode':
      return `${style.strong('one node at a time')}: drain → step → uncordon`;
    case 'backup':
      return `💾 ${style.strong('backup')}`;
  }
}

/** What goes in front of a step's text ("" for an unmarked step), so it is read before the instruction is followed. */
export function markerPrefix(steps: readonly FixStep[], index: number, style: MarkerStyle): string {
  const markers = stepMarkers(steps, index).map((m) => markerWords(m, style));
  return markers.length > 0 ? `${markers.join(' · ')}: ` : '';
}
