import type { FixStep } from '../../knowledge/schema.js';

export function renderSteps(steps: FixStep[], indent = '  '): string[] {
  return steps.flatMap((step, i) => [
    `${indent}${i + 1}. ${step.step}${step.disruptive ? ' (disruptive)' : ''}`,
    ...(step.command ? step.command.split('\n').map((line) => `${indent}   $ ${line}`) : []),
  ]);
}
