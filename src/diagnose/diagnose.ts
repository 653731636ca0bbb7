import { createHash } from 'node:crypto';
import type { Incident, Signature } from '../knowledge/schema.js';
import { extractContext } from './context.js';
import type { MatcherSnapshot } from './matcher.js';
import { normalizePaste } from './normalize.js';
import {
  combine,
  confidenceOf,
  DEFAULT_RUNNER_UPS,
  KEYWORD_CAP,
  KEYWORD_WEIGHT,
  MATCH_THRESHOLD,
  SPECIALIZATION_MARGIN,
  STRENGTH_WEIGHT,
} from './score.js';
import type { CompiledSignature } from './signature-index.js';
import type { Diagnosis, EvidenceLine, IncidentMatch } from './types.js';

export interface DiagnoseOptions {
  /** runner-ups shown after the best candidate */
  runnerUps?: number;
}

const EVIDENCE_CHARS = 400;
const SAMPLE_CHARS = 200;
const ERROR_WORDS =
  /\b(?:error|fail(?:ed|ure)?|unable|cannot|denied|refused|timeout|timed out|x509|unauthori[sz]ed|forbidden|not ready|fatal|panic)\b/i;

interface Candidate {
  incident: Incident;
  fired: Map<string, { signature: Signature; line: number }>;
  keywords: Set<string>;
}

/** Names the known incident a paste belongs to, or says honestly that none does. Pure. */
export function diagnose(text: string, kb: MatcherSnapshot, options: DiagnoseOptions = {}): Diagnosis {
  const paste = normalizePaste(text);
  const input = {
    chars: text.length,
    lines: paste.display.length,
    truncated: paste.truncated,
    redactions: paste.redactions,
    fingerprint: createHash('sha256').update(paste.canonical.join('\n')).digest('hex').slice(0, 32),
    sample: (paste.display.find((line) => ERROR_WORDS.test(line)) ?? paste.display[0] ?? '').slice(0, SAMPLE_CHARS),
  };
  const emptyContext = { versions: [], components: [], nodes: [], paths: [], clues: {} };
  if (paste.binary) {
    return noMatch(
      'binary',
      'This looks like binary data, not error text. Paste the log lines or command output.',
      [],
      emptyContext,
      input,
    );
  }
  if (paste.canonical.length === 0) {
    return noMatch('empty', 'The paste is empty. Paste the error lines (a log line, kubectl output, events).', [], emptyContext, input);
  }

  const joined = paste.canonical.join('\n');
  const lineStarts = startsOf(paste.canonical);
  const candidates = new Map<string, Candidate>();
  const components = new Set<string>();
  const tested = new Set<string>();
  const candidateFor = (incident: Incident) => {
    let c = candidates.get(incident.id);
    if (!c) {
      c = { incident, fired: new Map(), keywords: new Set() };
      candidates.set(incident.id, c);
    }
    return c;
  };

  for (const hit of kb.index.scanner.scan(joined)) {
    const literal = kb.index.literals[hit.literal] as string;
    for (const owner of kb.index.owners[hit.literal] ?? []) {
      if (owner.kind === 'signature') {
        const line = lineAt(lineStarts, hit.end - 1);
        const key = `${owner.signature}:${line}`;
        if (tested.has(key)) continue;
        tested.add(key);
        const compiled = kb.index.signatures[owner.signature] as CompiledSignature;
        const c = candidates.get(compiled.incident.id);
        if (c?.fired.has(compiled.signature.id)) continue;
        if (!compiled.regex.test(paste.canonical[line] as string)) continue;
        if (!contextHolds(compiled, joined)) continue;
        candidateFor(compiled.incident).fired.set(compiled.signature.id, { signature: compiled.signature, line });
      } else if (isWholeWord(joined, hit.end - literal.length, hit.end)) {
        if (owner.kind === 'keyword') candidateFor(owner.incident).keywords.add(owner.keyword);
        else components.add(owner.name);
      }
    }
  }

  const ranked = rank([...candidates.values()], paste.display, paste.lineNumbers);
  const context = extractContext(paste.display, [...components]);
  const best = ranked[0];
  const shown = ranked.slice(0, 1 + (options.runnerUps ?? DEFAULT_RUNNER_UPS));
  if (!best) {
    return noMatch('no-signature', 'No known incident matches this text.', shown, context, input);
  }
  const decisiveOrStrong = best.evidence.some((e) => e.strength !== 'supporting');
  if (best.score < MATCH_THRESHOLD || !decisiveOrStrong) {
    return noMatch(
      'weak-evidence',
      'Some lines look like known symptoms, but nothing is specific enough to name one incident.',
      shown,
      context,
      input,
    );
  }
  const evidenceLine = best.evidence[0]?.text;
  return {
    verdict: 'match',
    matches: shown,
    context,
    input: evidenceLine ? { ...input, sample: evidenceLine.slice(0, SAMPLE_CHARS) } : input,
  };
}

function noMatch(
  code: NonNullable<Diagnosis['reason']>['code'],
  message: string,
  matches: IncidentMatch[],
  context: Diagnosis['context'],
  input: Diagnosis['input'],
): Diagnosis {
  return { verdict: 'no-match', reason: { code, message }, matches, context, input };
}

function rank(candidates: Candidate[], display: string[], lineNumbers: number[]): IncidentMatch[] {
  const scored = candidates.map((c) => {
    const signatureWeights = [...c.fired.values()].map((f) => STRENGTH_WEIGHT[f.signature.strength]);
    const keywordBonus = Math.min(KEYWORD_CAP, c.keywords.size * KEYWORD_WEIGHT);
    const score = signatureWeights.length > 0 ? combine([...signatureWeights, keywordBonus]) : keywordBonus;
    return { c, score };
  });
  // A specific cause outranks the generic symptom it explains; the generic entry stays a runner-up.
  const byId = new Map(scored.map((s) => [s.c.incident.id, s]));
  const generalOf = new Map<string, string>();
  for (const s of scored) {
    if (![...s.c.fired.values()].some((f) => f.signature.strength !== 'supporting')) continue;
    for (const genericId of s.c.incident.specializes) {
      const generic = byId.get(genericId);
      if (generic && generic.score >= s.score - SPECIALIZATION_MARGIN) {
        generic.score = Math.max(0, s.score - SPECIALIZATION_MARGIN);
        generalOf.set(genericId, s.c.incident.id);
      }
    }
  }
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || b.c.fired.size - a.c.fired.size || a.c.incident.id.localeCompare(b.c.incident.id))
    .map(({ c, score }) => {
      const evidence: EvidenceLine[] = [...c.fired.values()]
        .sort((a, b) => STRENGTH_WEIGHT[b.signature.strength] - STRENGTH_WEIGHT[a.signature.strength] || a.line - b.line)
        .map((f) => ({
          line: lineNumbers[f.line] ?? f.line + 1,
          text: clip(display[f.line] ?? ''),
          signature: f.signature.id,
          strength: f.signature.strength,
        }));
      const match: IncidentMatch = {
        id: c.incident.id,
        title: c.incident.title,
        score: Math.round(score * 100) / 100,
        confidence: confidenceOf(score),
        evidence,
        keywords: [...c.keywords],
      };
      const general = generalOf.get(c.incident.id);
      if (general) match.generalOf = general;
      return match;
    });
}

function contextHolds(compiled: CompiledSignature, joined: string): boolean {
  if (compiled.excludes.some((r) => r.test(joined))) return false;
  return compiled.requires.every((r) => r.test(joined));
}

function startsOf(lines: string[]): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const WORD = /[a-z0-9]/;
function isWholeWord(text: string, start: number, end: number): boolean {
  return !WORD.test(text[start - 1] ?? ' ') && !WORD.test(text[end] ?? ' ');
}

function clip(line: string): string {
  return line.length <= EVIDENCE_CHARS ? line : `${line.slice(0, EVIDENCE_CHARS - 1)}…`;
}
