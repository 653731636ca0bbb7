import type { FixStep } from '../../knowledge/schema.js';
import { type MarkerStyle, markerPrefix } from '../../knowledge/step-markers.js';
import { type Block, section } from './blocks.js';
import { escapeMrkdwn, LIMITS } from './mrkdwn.js';

/** The marker details come from knowledge files, so they are escaped like any other text. */
const MRKDWN: MarkerStyle = { strong: (words) => `*${words}*`, text: escapeMrkdwn, warning: '⚠️' };

function renderStep(steps: FixStep[], i: number): string {
  const step = steps[i] as FixStep;
  const prefix = markerPrefix(steps, i, MRKDWN);
  const command = step.command ? `\n\`\`\`${escapeMrkdwn(step.command).replace(/```/g, "'''")}\`\`\`` : '';
  return `${i + 1}. ${prefix}${escapeMrkdwn(step.step)}${command}`;
}

/** Markers go in front of the step text, so they are read before the instruction is followed. */
export function renderStepsMrkdwn(steps: FixStep[]): string {
  return steps.map((_, i) => renderStep(steps, i)).join('\n');
}

/**
 * The same steps split into pieces of at most `max` characters at step boundaries, for a runbook
 * that must show every step: one section holding all of them would be cut off by Slack's section
 * limit, silently dropping the last steps (often the one that restores service). The default
 * leaves room for a heading such as "*Do this now* (continued)" in the same section.
 */
export function renderStepsMrkdwnChunks(steps: FixStep[], max: number = LIMITS.sectionText - 100): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < steps.length; i++) {
    const text = renderStep(steps, i);
    const last = chunks.length - 1;
    if (last >= 0 && (chunks[last] as string).length + 1 + text.length <= max) chunks[last] = `${chunks[last]}\n${text}`;
    else chunks.push(text);
  }
  return chunks;
}

/** A titled list of steps as as many sections as it takes, so no step is cut off. */
export function stepSections(title: string, steps: FixStep[]): Block[] {
  return renderStepsMrkdwnChunks(steps).map((chunk, i) => section(`*${title}*${i > 0 ? ' (continued)' : ''}\n${chunk}`, ''));
}
