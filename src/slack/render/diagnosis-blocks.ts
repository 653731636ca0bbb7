import type { Button, PlainTextOption, StaticSelect } from '@slack/types';
import { describeClues } from '../../diagnose/clues.js';
import { groupEvidenceByLine } from '../../diagnose/evidence-lines.js';
import type { Diagnosis, IncidentMatch } from '../../diagnose/types.js';
import type { Incident } from '../../knowledge/schema.js';
import { redactionAdvice } from '../../redact.js';
import type { ClusterChoice } from '../cluster-choice.js';
import { ACTION, clusterKey, encodeValue } from './actions.js';
import { actions, type Block, button, capBlocks, context, header, section } from './blocks.js';
import { codeBlock, escapeMrkdwn, LIMITS, link, REPLY, truncate } from './mrkdwn.js';
import { renderStepsMrkdwn, stepSections } from './steps.js';

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export interface DiagnosisRenderOptions {
  /** hash of the redacted paste, carried by the feedback buttons */
  pasteHash: string;
  /** why the cluster-check button cannot run, when no cluster is configured */
  checksUnavailable?: string;
  /** the clusters this channel may check, and the preselected one */
  clusters?: ClusterChoice | undefined;
  /** knowledge authors are configured: a no-match offers to scaffold a team incident from the paste */
  teamAuthoring?: boolean;
}

/** A cluster picker when clusters are configured; otherwise a button that explains why not. */
function runChecksElement(incident: string, options: DiagnosisRenderOptions, value: string): Button | StaticSelect {
  const names = options.clusters?.names ?? [];
  if (names.length === 0) return button(ACTION.runChecks, 'Run checks on…', value);
  const option = (cluster: string): PlainTextOption => ({
    text: { type: 'plain_text', text: truncate(cluster, LIMITS.optionText) },
    value: encodeValue({ incident, clusterKey: clusterKey(cluster) }),
  });
  const preselected = options.clusters?.preselected;
  return {
    type: 'static_select',
    action_id: ACTION.runChecks,
    placeholder: { type: 'plain_text', text: 'Run checks on…' },
    options: names.slice(0, LIMITS.selectOptions).map(option),
    ...(preselected ? { initial_option: option(preselected) } : {}),
  };
}

/** About two lines of a Slack message. */
const SHORT_ROOT_CAUSE = 320;

/** The root cause in two sentences, and never more than about two lines; the rest is one click away (Show runbook). */
export function firstSentences(text: string, count = 2): string {
  const whole = text.trim();
  const sentences = whole.split(/(?<=[.!?])\s+(?=[A-Z(])/);
  let short = sentences.slice(0, count).join(' ');
  if (short.length > SHORT_ROOT_CAUSE) short = `${short.slice(0, SHORT_ROOT_CAUSE).replace(/\s+\S*$/, '')}…`;
  return short === whole ? whole : `${short} _(the rest: Show runbook)_`;
}

/**
 * A picker with a cluster already chosen sends nothing until someone changes it: a button beside
 * it runs the checks on that cluster as it stands.
 */
function runPreselected(incident: string, options: DiagnosisRenderOptions): Button[] {
  const cluster = options.clusters?.preselected;
  if (!cluster) return [];
  return [button(ACTION.runChecksNow, `Run checks on ${cluster}`, encodeValue({ incident, clusterKey: clusterKey(cluster) }))];
}

/** Signature candidates with their score; lexical neighbours say what they are instead. */
const runnerUps = (matches: IncidentMatch[]) =>
  matches.map((m) => (m.basis === 'lexical' ? `${m.id} (similar wording)` : `${m.id} (${m.score.toFixed(2)})`)).join(', ');

/** "line N · signature (strength)" and the line itself, for the first lines of a match's evidence. */
function evidenceLines(match: IncidentMatch): string[] {
  return groupEvidenceByLine(match.evidence)
    .slice(0, REPLY.evidenceLines)
    .map((e) => `line ${e.line} · ${escapeMrkdwn(e.signatures.join(', '))}\n${codeBlock(truncate(e.text, REPLY.evidenceChars))}`);
}

/** The threaded reply to a pasted error: answer first, proof second, steps third, detail on demand. */
export function renderDiagnosisBlocks(
  diagnosis: Diagnosis,
  lookup: (id: string) => Incident | undefined,
  options: DiagnosisRenderOptions,
): SlackMessage {
  const [best] = diagnosis.matches;
  const incident = best && diagnosis.verdict === 'match' ? lookup(best.id) : undefined;
  if (!best || !incident) return renderNoMatch(diagnosis, options);
  const alsoMatched = diagnosis.matches.filter((m) => m !== best && m.matched);
  const others = diagnosis.matches.filter((m) => m !== best && !m.matched);

  const value = encodeValue({ incident: incident.id, paste: options.pasteHash });
  const evidence = evidenceLines(best);
  // what an on-call engineer reads first at 3 a.m.: what it is, how sure, what to do; then the proof
  const blocks: Block[] = [
    header(incident.title),
    context(`confidence: *${best.confidence}* (${best.score.toFixed(2)}) · severity: ${incident.severity} · \`${incident.id}\``),
    ...redactionWarning(diagnosis),
    ...stepSections('Do this now', incident.fix.immediate),
    section(`*Why this matches*\n${evidence.join('\n')}`),
    ...clueSection(diagnosis),
    section(`*What happened*\n${escapeMrkdwn(firstSentences(incident.rootCause))}`),
    actions('kubetriage_diagnosis', [
      runChecksElement(incident.id, options, value),
      ...runPreselected(incident.id, options),
      button(ACTION.showRunbook, 'Show runbook', value, 'primary'),
      button(ACTION.helpful, 'Helpful', value),
      button(ACTION.notThis, 'Not this', value),
    ]),
  ];
  alsoMatched.forEach((match, i) => {
    const second = lookup(match.id);
    if (second) blocks.push(...alsoMatchBlocks(match, second, options, i + 2));
  });
  const footer = [
    others.length > 0 ? `Also possible: ${escapeMrkdwn(runnerUps(others))}` : '',
    `Sources: ${incident.sources.map((s) => link(s.url, s.title)).join(' · ')}`,
    options.checksUnavailable && !options.clusters ? `_${escapeMrkdwn(options.checksUnavailable)}_` : '',
  ];
  blocks.push(context(...footer));
  const text = truncate(`${incident.title} (${best.confidence} confidence, ${incident.id})`, LIMITS.fallbackText);
  return { text: escapeMrkdwn(text), blocks: capBlocks(blocks) };
}

/**
 * A second, independent problem in the same paste (its own lines, neither explains the other):
 * answered as a match too, shorter: what it is, its proof, the first steps, and its own buttons.
 */
function alsoMatchBlocks(match: IncidentMatch, incident: Incident, options: DiagnosisRenderOptions, n: number): Block[] {
  const value = encodeValue({ incident: incident.id, paste: options.pasteHash });
  const evidence = evidenceLines(match);
  return [
    section(`*Also in this paste: ${escapeMrkdwn(incident.title)}*`),
    context(`confidence: *${match.confidence}* (${match.score.toFixed(2)}) · severity: ${incident.severity} · \`${incident.id}\``),
    ...stepSections('Do this now', incident.fix.immediate),
    section(`*Why this matches*\n${evidence.join('\n')}`),
    actions(`kubetriage_diagnosis_${n}`, [
      runChecksElement(incident.id, options, value),
      button(ACTION.showRunbook, 'Show runbook', value),
    ]),
  ];
}

/** Only sent when someone asked directly (mention, DM, /triage): honest, with where to look next. */
export function renderNoMatch(diagnosis: Diagnosis, options: Partial<DiagnosisRenderOptions> = {}): SlackMessage {
  const reason = diagnosis.reason?.message ?? 'No known incident matches this text.';
  const closest = diagnosis.matches.length > 0 ? `Closest known: ${escapeMrkdwn(runnerUps(diagnosis.matches))}` : '';
  const blocks: Block[] = [
    section(
      `*No known incident matches this text.*\n${escapeMrkdwn(reason === 'No known incident matches this text.' ? '' : reason)}`.trim(),
    ),
    context(closest, 'Try `/runbook <words>` to search the runbooks.'),
    ...redactionWarning(diagnosis),
  ];
  // the click is checked against the authors' list; the button only carries the paste's fingerprint
  if (options.teamAuthoring && diagnosis.input.fingerprint)
    blocks.push(
      actions('kubetriage_no_match', [
        button(ACTION.addTeamIncident, 'Add as a team incident', encodeValue({ incident: '', paste: diagnosis.input.fingerprint })),
      ]),
    );
  return { text: 'No known incident matches this text.', blocks };
}

/** Right under the header, not in the footer: the pasted secret is still in the channel. */
function redactionWarning(diagnosis: Diagnosis): Block[] {
  return diagnosis.input.redactions > 0 ? [context(`:warning: *${escapeMrkdwn(redactionAdvice(diagnosis.input.redactions))}*`)] : [];
}

/** The parsed facts of the error ("2 nodes lack CPU, 3 carry the taint …"), when the paste has them. */
function clueSection(diagnosis: Diagnosis): Block[] {
  const clues = describeClues(diagnosis.context.clues);
  return clues.length > 0 ? [section(`*What the error says*\n${clues.map((c) => `• ${escapeMrkdwn(c)}`).join('\n')}`)] : [];
}

/**
 * Another error in a thread that already has a full answer: what it is, how sure, its first
 * step and the runbook button, in a few lines, so a thread with three errors reads as three
 * short answers, not three 3,700-character cards.
 */
export function renderCompactDiagnosis(diagnosis: Diagnosis, incident: Incident, nth: number, pasteHash: string): SlackMessage {
  const best = diagnosis.matches[0];
  const value = encodeValue({ incident: incident.id, paste: pasteHash });
  const first = incident.fix.immediate[0];
  const lines = [
    `*Error ${nth} in this thread: ${escapeMrkdwn(incident.title)}*`,
    `confidence: *${best?.confidence ?? 'low'}* · severity: ${incident.severity} · \`${incident.id}\``,
    ...(first ? [`Do this now: ${escapeMrkdwn(truncate(renderStepsMrkdwn([first]).replace(/^1\. /, ''), 600))}`] : []),
  ];
  const blocks: Block[] = [
    section(lines.join('\n'), ''),
    actions(`kubetriage_compact_${nth}`, [
      button(ACTION.showRunbook, 'Show runbook', value, 'primary'),
      button(ACTION.notThis, 'Not this', value),
    ]),
  ];
  return { text: escapeMrkdwn(truncate(`Error ${nth} in this thread: ${incident.title}`, LIMITS.fallbackText)), blocks };
}
