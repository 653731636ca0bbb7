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
