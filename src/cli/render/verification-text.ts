import type { VerificationReport } from '../../checks/verify.js';
import type { Style } from './terminal-style.js';

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

export function renderVerificationText(report: VerificationReport, style: Style): string {
  const mark =
    report.verdict === 'confirmed'
      ? style.bad('CONFIRMED')
      : report.verdict === 'refuted'
        ? style.good('REFUTED')
        : report.verdict === 'not-applicable'
          ? style.dim('NOT APPLICABLE')
          : style.dim('INCONCLUSIVE');
  const lines = [`${mark} ${style.bold(report.incident)} on ${report.cluster} (${report.durationMs} ms)`];
  for (const check of report.checks) {
    lines.push(
      `  ${check.status.padEnd(7)} ${check.id}${check.role === 'supporting' ? ' (supporting)' : ''}${check.reason ? `: ${check.reason}` : ''}`,
    );
    for (const e of check.observations)
      lines.push(style.dim(`          ${e.object} ${e.field} = ${show(e.observed)}${e.expected ? `  (incident: ${e.expected})` : ''}`));
  }
  if (report.reasons.length > 0)
    lines.push(
      `  ${report.verdict === 'refuted' ? 'ruled out by' : report.verdict === 'not-applicable' ? 'not applicable' : 'could not decide'}: ${report.reasons.join('; ')}`,
    );
  return lines.join('\n');
}
