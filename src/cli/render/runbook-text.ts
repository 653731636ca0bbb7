import type { RunbookResult } from '../../diagnose/runbook.js';
import { renderSteps } from './fix-steps.js';
import type { Style } from './terminal-style.js';

export function renderRunbookText(result: RunbookResult, style: Style): string {
  const { best } = result;
  if (!best) {
    const closest = (result.closest ?? []).map((c) => c.incident.id).join(', ');
    return `No runbook matches "${result.query}"${closest ? `; closest: ${closest}` : ''}. Try other words, or: kubetriage kb list`;
  }
  const { incident } = best;
  const lines = [
    `${style.bold(incident.id)}  ${incident.title}`,
    '',
    style.bold('Symptoms'),
    ...incident.symptoms.map((s) => `  - ${s}`),
    '',
    style.bold('Root cause'),
    `  ${incident.rootCause.trim()}`,
    '',
    style.bold('Do this now'),
    ...renderSteps(incident.fix.immediate),
  ];
  if (incident.fix.lasting.length > 0) lines.push('', style.bold('Lasting fix'), ...renderSteps(incident.fix.lasting));
  lines.push('', style.bold('Sources'), ...incident.sources.map((s) => `  - ${s.title}: ${s.url}`));
  if (result.alternatives.length > 0) {
    lines.push('', style.dim(`Other runbooks: ${result.alternatives.map((a) => `${a.incident.id} (${a.score.toFixed(2)})`).join(', ')}`));
  }
  return lines.join('\n');
}
