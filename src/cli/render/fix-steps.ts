import type { FixStep } from '../../knowledge/schema.js';
import { type StepMarker, stepMarkers } from '../../knowledge/step-markers.js';

/** Plain text on purpose: the markers must survive `--no-color`, pipes and copy-paste into a ticket. */
function markerText(marker: StepMarker): string {
  switch (marker.kind) {
    case 'irreversible': {
      const backup = marker.backupStep ? `back up first (step ${marker.backupStep})` : 'back up first';
      return `⛔ irreversible (${marker.what}) — ${backup}`;
    }
    case 'disruptive':
      return `⚠ disruptive (${marker.what})`;
    case 'readsSecret':
      return `🔑 shows secret material (${marker.what})`;
    case 'perNode':
      return 'one node at a time: drain → step → uncordon';
    case 'backup':
      return '💾 backup';
  }
}

/** Markers go in front of the step text, so they are read before the instruction is followed. */
export function renderSteps(steps: FixStep[], indent = '  '): string[] {
  return steps.flatMap((step, i) => {
    const markers = stepMarkers(steps, i).map(markerText);
    const prefix = markers.length > 0 ? `${markers.join(' · ')}: ` : '';
    return [
      `${indent}${i + 1}. ${prefix}${step.step}`,
      ...(step.command ? step.command.split('\n').map((line) => `${indent}   $ ${line}`) : []),
    ];
  });
}
