import type { UpgradeReport } from '../../upgrade/upgrade-check.js';
import { renderSteps } from './fix-steps.js';
import type { Style } from './terminal-style.js';

const show = (e: unknown) =>
  typeof e === 'string'
    ? e
    : (() => {
        const ev = e as { object: string; field: string; observed: unknown };
        return `${ev.object} ${ev.field} = ${typeof ev.observed === 'string' ? ev.observed : JSON.stringify(ev.observed)}`;
      })();

export function renderUpgradeText(report: UpgradeReport, style: Style): string {
  const lines = [style.bold(report.summary)];
  if (report.distributionEvidence.length > 0)
    lines.push(style.dim(`  distribution: ${report.distribution} (${report.distributionEvidence.join('; ')})`));
  const comps = report.components.map((c) => `${c.name}${c.variant ? ` (${c.variant})` : ''} ${c.version ?? '?'}`);
  if (comps.length > 0) lines.push(style.dim(`  add-ons: ${comps.join(', ')}`));
  for (const priority of ['required', 'recommended'] as const) {
    const findings = report.findings.filter((f) => f.priority === priority);
    if (findings.length === 0) continue;
    lines.push('', style.bold(priority === 'required' ? 'Required' : 'Recommended'));
    for (const f of findings) {
      lines.push(`  ${priority === 'required' ? style.bad('✗') : '•'} ${f.id}: ${f.title}`);
      for (const e of f.observations.slice(0, 4)) lines.push(style.dim(`      ${show(e)}`));
      const [now, ...later] = f.phases ?? [];
      if (now) {
        // the phase to do now, with its commands; the later ones by title, in order
        lines.push(`      do now (phase 1 of ${later.length + 1}): ${now.title}`, ...renderSteps(now.steps, '        '));
        if (later.length > 0) lines.push(`      then: ${later.map((p, i) => `${i + 2}. ${p.title}`).join(' · ')}`);
      } else if (f.fix) lines.push(`      fix: ${f.fix}`);
      if (f.runbook) lines.push(style.dim(`      runbook: kubetriage runbook ${f.runbook}`));
    }
  }
  if (report.findings.length === 0) lines.push('', style.good('No known risk found for this upgrade.'));
  if (report.coverage.length > 0) lines.push('', style.dim('Coverage:'), ...report.coverage.map((c) => style.dim(`  - ${c}`)));
  return lines.join('\n');
}
