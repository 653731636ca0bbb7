import { describeClues } from '../../diagnose/clues.js';
import { groupEvidenceByLine } from '../../diagnose/evidence-lines.js';
import type { Diagnosis, IncidentMatch } from '../../diagnose/types.js';
import { redactionAdvice } from '../../redact.js';
import type { Catalog } from '../../triage/catalog.js';
import { renderSteps } from './fix-steps.js';
import type { Style } from './terminal-style.js';

function runnerUps(matches: IncidentMatch[]): string {
  return matches.map((m) => `${m.id} (${m.score.toFixed(2)})`).join(', ');
}

function contextLine(diagnosis: Diagnosis): string | undefined {
  const { versions, components, nodes, paths } = diagnosis.context;
  const parts = [
    versions.length > 0 ? `versions ${versions.join(', ')}` : '',
    components.length > 0 ? `components ${components.join(', ')}` : '',
    nodes.length > 0 ? `nodes ${nodes.join(', ')}` : '',
    paths.length > 0 ? `paths ${paths.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `Seen in the paste: ${parts.join(' · ')}` : undefined;
}

/** The same answer the Slack reply carries, for a terminal. */
export function renderDiagnosisText(diagnosis: Diagnosis, kb: Catalog, style: Style, label?: string): string {
  const lines: string[] = [];
  if (label) lines.push(style.dim(`== ${label}`));
  const [best, ...others] = diagnosis.matches;
  const incident = best ? kb.byId.get(best.id) : undefined;
  if (diagnosis.verdict === 'match' && best && incident) {
    lines.push(
      `${style.good('MATCH')} ${style.bold(best.id)}  confidence ${best.confidence} (${best.score.toFixed(2)}) · severity ${incident.severity}`,
    );
    lines.push(`  ${style.bold(incident.title)}`);
    lines.push('', style.bold('Why this matches'));
    for (const e of groupEvidenceByLine(best.evidence)) {
      lines.push(`  line ${e.line} · ${e.signatures.join(', ')}`, `    ${e.text}`);
    }
    const clues = describeClues(diagnosis.context.clues);
    if (clues.length > 0) lines.push('', style.bold('What the error says'), ...clues.map((c) => `  ${c}`));
    lines.push('', style.bold('What happened'), `  ${incident.rootCause.trim()}`);
    lines.push('', style.bold('Do this now'), ...renderSteps(incident.fix.immediate));
    if (incident.fix.lasting.length > 0) lines.push('', style.bold('Lasting fix'), ...renderSteps(incident.fix.lasting));
    lines.push('', style.bold('Sources'), ...incident.sources.map((s) => `  - ${s.title}: ${s.url}`));
  } else {
    lines.push(`${style.bad('NO MATCH')} ${diagnosis.reason?.message ?? 'No known incident matches this text.'}`);
    if (diagnosis.matches.length > 0) lines.push(`  Closest candidates: ${runnerUps(diagnosis.matches)}`);
    lines.push('  Try: kubetriage runbook <words>');
  }
  const context = contextLine(diagnosis);
  if (context) lines.push('', style.dim(context));
  if (diagnosis.verdict === 'match' && others.length > 0) lines.push(style.dim(`Also possible: ${runnerUps(others)}`));
  if (diagnosis.input.redactions > 0) lines.push(style.bad(redactionAdvice(diagnosis.input.redactions)));
  if (diagnosis.input.truncated) lines.push(style.dim('The paste was long: only its beginning and end were read.'));
  return lines.join('\n');
}
