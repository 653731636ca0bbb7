import { describeClues } from '../../diagnose/clues.js';
import { groupEvidenceByLine } from '../../diagnose/evidence-lines.js';
import type { Diagnosis, IncidentMatch } from '../../diagnose/types.js';
import { redactionAdvice } from '../../redact.js';
import type { Catalog } from '../../triage/catalog.js';
import { renderSteps } from './fix-steps.js';
import type { Style } from './terminal-style.js';

/** Signature candidates with their score; lexical neighbours say what they are instead. */
function runnerUps(matches: IncidentMatch[]): string {
  return matches.map((m) => (m.basis === 'lexical' ? `${m.id} (similar wording)` : `${m.id} (${m.score.toFixed(2)})`)).join(', ');
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

/** One matched incident: what it is, why it matches, what happened, what to do. */
function renderMatch(match: IncidentMatch, diagnosis: Diagnosis, kb: Catalog, style: Style, also: boolean): string[] {
  const incident = kb.byId.get(match.id);
  if (!incident) return [];
  const lines = [
    `${style.good(also ? 'ALSO MATCH' : 'MATCH')} ${style.bold(match.id)}  confidence ${match.confidence} (${match.score.toFixed(2)}) · severity ${incident.severity}`,
    `  ${style.bold(incident.title)}`,
    '',
    style.bold('Why this matches'),
  ];
  for (const e of groupEvidenceByLine(match.evidence)) {
    lines.push(`  line ${e.line} · ${e.signatures.join(', ')}`, `    ${e.text}`);
  }
  const clues = also ? [] : describeClues(diagnosis.context.clues);
  if (clues.length > 0) lines.push('', style.bold('What the error says'), ...clues.map((c) => `  ${c}`));
  lines.push('', style.bold('What happened'), `  ${incident.rootCause.trim()}`);
  lines.push('', style.bold('Do this now'), ...renderSteps(incident.fix.immediate));
  if (incident.fix.lasting.length > 0) lines.push('', style.bold('Lasting fix'), ...renderSteps(incident.fix.lasting));
  lines.push('', style.bold('Sources'), ...incident.sources.map((s) => `  - ${s.title}: ${s.url}`));
  return lines;
}

/** The same answer the Slack reply carries, for a terminal: every match in full, then the runner-ups. */
export function renderDiagnosisText(diagnosis: Diagnosis, kb: Catalog, style: Style, label?: string): string {
  const lines: string[] = [];
  if (label) lines.push(style.dim(`== ${label}`));
  const matched = diagnosis.verdict === 'match' ? diagnosis.matches.filter((m) => m.matched && kb.byId.has(m.id)) : [];
  const others = diagnosis.matches.filter((m) => !matched.includes(m));
  if (matched.length > 0) {
    if (matched.length > 1) lines.push(style.bold(`${matched.length} independent problems in this paste`), '');
    matched.forEach((match, i) => {
      if (i > 0) lines.push('', style.dim('─'.repeat(40)));
      lines.push(...renderMatch(match, diagnosis, kb, style, i > 0));
    });
  } else {
    lines.push(`${style.bad('NO MATCH')} ${diagnosis.reason?.message ?? 'No known incident matches this text.'}`);
    if (diagnosis.matches.length > 0) lines.push(`  Closest known: ${runnerUps(diagnosis.matches)}`);
    lines.push('  Try: kubetriage runbook <words>');
  }
  const context = contextLine(diagnosis);
  if (context) lines.push('', style.dim(context));
  if (matched.length > 0 && others.length > 0) lines.push(style.dim(`Also possible: ${runnerUps(others)}`));
  if (diagnosis.input.redactions > 0) lines.push(style.bad(redactionAdvice(diagnosis.input.redactions)));
  if (diagnosis.input.skipped) {
    lines.push(style.bad(`Not read from line ${diagnosis.input.skipped.fromLine} on: ${diagnosis.input.skipped.reason}.`));
  }
  return lines.join('\n');
}
