import type { FixStep } from '../../knowledge/schema.js';
import { escapeMrkdwn } from './mrkdwn.js';

export function renderStepsMrkdwn(steps: FixStep[]): string {
  return steps
    .map((step, i) => {
      const command = step.command ? `\n\`\`\`${escapeMrkdwn(step.command).replace(/```/g, "'''")}\`\`\`` : '';
      return `${i + 1}. ${escapeMrkdwn(step.step)}${step.disruptive ? ' _(disruptive)_' : ''}${command}`;
    })
    .join('\n');
}
