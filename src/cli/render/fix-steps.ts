import type { FixStep } from '../../knowledge/schema.js';
import { type MarkerStyle, markerPrefix } from '../../knowledge/step-markers.js';

/** Plain text on purpose: the markers must survive `--no-color`, pipes and copy-paste into a ticket. */
const PLAIN: MarkerStyle = { strong: (words) => words, text: (fromKnowledge) => fromKnowledge, warning: '⚠' };

/** Markers go in front of the step text, so they are read before the instruction is followed. */
export function renderSteps(steps: FixStep[], indent = '  '): string[] {
  return steps.flatMap((step, i) => {
    const prefix = markerPrefix(steps, i, PLAIN);
    return [
      `${indent}${i + 1}. ${prefix}${step.step}`,
      ...(step.command ? step.command.split('\n').map((line) => `${indent}   $ ${line}`) : []),
    ];
  });
}
