import { createHash } from 'node:crypto';
import type { Incident, Signature } from '../knowledge/schema.js';
import { extractContext } from './context.js';
import type { MatcherSnapshot } from './matcher.js';
import { normalizePaste } from './normalize.js';
import { type InputPiece, piecesOf } from './pieces.js';
import { type Firing, PasteScan } from './scan.js';
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
import type { Diagnosis, EvidenceLine, IncidentMatch } from './types.js';

export interface DiagnoseOptions {
  /** runner-ups shown after the best candidate */
  runnerUps?: number;
  /** stop reading a long input after this long (what was skipped is reported) */
  budgetMs?: number;
  /**
   * fill a short list with lexical neighbours (default true): a person reads them; a caller that
   * only takes signature matches (live checks, scan) skips the BM25 pass
   */
  neighbours?: boolean;
}

/** Reading stops here and says so: enough for 5 MB logs many times over, far below a hung bot. */
export const DEFAULT_BUDGET_MS = 10_000;
/**
 * What the context extractor and the lexical neighbours read: the head of the input (where the
 * command and versions usually are), then only lines that look like errors, up to a cap;
 * evidence lines are always added. A 40 KB log of INFO lines says nothing more.
 */
const CONTEXT_HEAD = 50;
const CONTEXT_LINES = 2000;

const EVIDENCE_CHARS = 400;
const SAMPLE_CHARS = 200;
const ERROR_WORDS =
  /\b(?:error|fail(?:ed|ure)?|unable|cannot|denied|refused|timeout|timed out|x509|unauthori[sz]ed|forbidden|not ready|fatal|panic)\b/i;

interface Candidate {
  incident: Incident;
  fired: Array<{ signature: Signature; firing: Firing }>;
  keywords: Set<string>;
}

/** Names the known incidents a paste belongs to, or says honestly that none does. Pure. */
export function diagnose(text: string, kb: MatcherSnapshot, options: DiagnoseOptions = {}): Diagnosis {
  return diagnosePieces(piecesOf(text), kb, options);
}

/**
 * The same diagnosis over an input that arrives in pieces (a file read as a stream): each piece
 * is normalised and scanned, then dropped, so only the candidates stay in memory.
 */
export function diagnosePieces(pieces: Iterable<InputPiece>, kb: MatcherSnapshot, options: DiagnoseOptions = {}): Diagnosis {
  const run = new DiagnosisRun(kb, options);
  for (const piece of pieces) if (!run.add(piece)) break;
  return run.finish();
}

/** The async twin of diagnosePieces, for streams. */
export async function diagnoseStream(
  pieces: AsyncIterable<InputPiece>,
  kb: MatcherSnapshot,
  options: DiagnoseOptions = {},
): Promise<Diagnosis> {
  const run = new DiagnosisRun(kb, options);
  for await (const piece of pieces) if (!run.add(piece)) break;
  return run.finish();
}

class DiagnosisRun {
  private readonly scan: PasteScan;
  private readonly hash = createHash('sha256');
  // Date.now, not performance.now: the budget is whole milliseconds, and the global performance
  // object loads perf_hooks, a millisecond of a one-paste CLI run
  private readonly started = Date.now();
  private readonly budgetMs: number;
  private readonly contextLines: string[] = [];
  private headLines = 0;
  private chars = 0;
  private records = 0;
  private redactions = 0;
  private sample: string | undefined;
  private firstLine: string | undefined;
  private pieces = 0;
  private binaryPieces = 0;
  private skipped: { fromLine: number; reason: string } | undefined;

  constructor(
    private readonly kb: MatcherSnapshot,
    private readonly options: DiagnoseOptions,
  ) {
    this.scan = new PasteScan(kb.index);
    this.budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  }

  /** false when the budget is spent: the caller stops reading */
  add(piece: InputPiece): boolean {
    if (this.pieces > 0 && Date.now() - this.started > this.budgetMs) {
      this.skipped = { fromLine: piece.firstLine, reason: `the time budget of ${this.budgetMs} ms was spent` };
      return false;
    }
    this.pieces++;
    this.chars += piece.text.length;
    const paste = normalizePaste(piece.text, piece.firstLine);
    if (paste.binary) {
      this.binaryPieces++;
      return true;
    }
    this.records += paste.display.length;
    this.redactions += paste.redactions;
    // two updates hash what one of the text and its newline joined would, without copying the text
    if (paste.canonical.length > 0) this.hash.update(paste.canonicalText).update('\n');
    this.firstLine ??= paste.display[0];
    // one ERROR_WORDS test per line serves both the sample and the context, where two passes tested most lines twice
    let contextFull = this.contextLines.length >= CONTEXT_LINES;
    for (const line of paste.display) {
      if (contextFull && this.sample !== undefined) break;
      const head = !contextFull && this.headLines < CONTEXT_HEAD;
      // a head line whose sample is already found needs no test: it is kept either way
      const error = head && this.sample !== undefined ? false : ERROR_WORDS.test(line);
      if (error) this.sample ??= line;
      if (contextFull) continue;
      if (head) {
        this.headLines++;
        this.contextLines.push(line);
      } else if (error) this.contextLines.push(line);
      contextFull = this.contextLines.length >= CONTEXT_LINES;
    }
    this.scan.add(paste);
    return true;
  }

  finish(): Diagnosis {
    const input: Diagnosis['input'] = {
      chars: this.chars,
      lines: this.records,
      truncated: this.skipped !== undefined,
      redactions: this.redactions,
      fingerprint: this.hash.digest('hex').slice(0, 32),
      sample: (this.sample ?? this.firstLine ?? '').slice(0, SAMPLE_CHARS),
    };
    if (this.skipped) input.skipped = this.skipped;
    const emptyContext = { versions: [], components: [], nodes: [], paths: [], clues: {} };
    if (this.binaryPieces > 0 && this.binaryPieces === this.pieces) {
      return noMatch(
        'binary',
        'This looks like binary data, not error text. Paste the log lines or command output.',
        [],
        emptyContext,
        input,
      );
    }
    if (this.records === 0) {
      return noMatch('empty', 'The paste is empty. Paste the error lines (a log line, kubectl output, events).', [], emptyContext, input);
    }
    const scanned = this.scan.result();
    const candidates = new Map<string, Candidate>();
    const candidateFor = (incident: Incident) => {
      let c = candidates.get(incident.id);
      if (!c) {
        c = { incident, fired: [], keywords: new Set() };
        candidates.set(incident.id, c);
      }
      return c;
    };
    for (const { compiled, firing } of scanned.fired) candidateFor(compiled.incident).fired.push({ signature: compiled.signature, firing });
    for (const [id, keywords] of scanned.keywords) {
      const incident = this.kb.byId.get(id);
      if (incident) for (const k of keywords) candidateFor(incident).keywords.add(k);
    }
    const ranked = markIndependentMatches(rank([...candidates.values()]), this.kb);
    const runnerUps = this.options.runnerUps ?? DEFAULT_RUNNER_UPS;
    const wanted = Math.max(ranked.filter((m) => m.matched).length, 1) + runnerUps;
    // the neighbours added below have none: this is every candidate's evidence
    const evidenceText: string[] = [];
    for (const m of ranked) for (const e of m.evidence) evidenceText.push(e.text);
    // lexical neighbours fill a short list; they never change the verdict (score 0, no evidence)
    if (ranked.length < wanted && this.options.neighbours !== false) {
      const known = new Set(ranked.map((m) => m.id));
      const lines = [...evidenceText, ...this.contextLines];
      for (const id of this.kb.lexical.closest(lines, known, wanted - ranked.length)) {
        const incident = this.kb.byId.get(id);
        if (incident) ranked.push(lexicalNeighbour(incident));
      }
    }
    const context = extractContext([...this.contextLines, ...evidenceText], scanned.components);
    const best = ranked[0];
    const shown = ranked.slice(0, wanted);
    if (!best) {
      return noMatch('no-signature', 'No known incident matches this text.', shown, context, input);
    }
    if (!best.matched) {
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
}

/** An entry whose own words are closest to the error lines: listed as a neighbour, never as evidence. */
function lexicalNeighbour(incident: Incident): IncidentMatch {
  return {
    id: incident.id,
    title: incident.title,
    score: 0,
    confidence: 'low',
    matched: false,
    basis: 'lexical',
    evidence: [],
    keywords: [],
  };
}

/** A candidate that on its own would be a match: enough score, and evidence that is not only supporting. */
export function isMatch(match: IncidentMatch): boolean {
  return match.score >= MATCH_THRESHOLD && match.evidence.some((e) => e.strength !== 'supporting');
}

/**
 * The best candidate is the match; another is a match too when it stands on its own: its
 * decisive or strong evidence is on lines the matches above do not use, and neither explains
 * the other (specializes). Two problems in one paste are both answered.
 */
function markIndependentMatches(ranked: IncidentMatch[], kb: MatcherSnapshot): IncidentMatch[] {
  const accepted: IncidentMatch[] = [];
  const usedLines = new Set<number>();
  for (const candidate of ranked) {
    const first = accepted.length === 0;
    if (!isMatch(candidate) || candidate.generalOf) {
      if (first) break;
      continue;
    }
    if (!first) {
      const own = candidate.evidence.filter((e) => e.strength !== 'supporting' && !usedLines.has(e.line));
      const related = accepted.some((a) => specializes(kb, a.id, candidate.id) || specializes(kb, candidate.id, a.id));
      if (own.length === 0 || related) continue;
    }
    candidate.matched = true;
    accepted.push(candidate);
    for (const e of candidate.evidence) usedLines.add(e.line);
  }
  // matches first, in rank order; the rest keep their order as runner-ups
  return [...ranked.filter((m) => m.matched), ...ranked.filter((m) => !m.matched)];
}

function specializes(kb: MatcherSnapshot, id: string, genericId: string): boolean {
  return kb.byId.get(id)?.specializes.includes(genericId) ?? false;
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

function rank(candidates: Candidate[]): IncidentMatch[] {
  const scored = candidates.map((c) => {
    const signatureWeights = c.fired.map((f) => STRENGTH_WEIGHT[f.signature.strength]);
    const keywordBonus = Math.min(KEYWORD_CAP, c.keywords.size * KEYWORD_WEIGHT);
    const score = signatureWeights.length > 0 ? combine([...signatureWeights, keywordBonus]) : keywordBonus;
    return { c, score };
  });
  // A specific cause outranks the generic symptom it explains; the generic entry stays a runner-up.
  const byId = new Map(scored.map((s) => [s.c.incident.id, s]));
  const generalOf = new Map<string, string>();
  for (const s of scored) {
    if (!s.c.fired.some((f) => f.signature.strength !== 'supporting')) continue;
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
    .sort((a, b) => b.score - a.score || b.c.fired.length - a.c.fired.length || a.c.incident.id.localeCompare(b.c.incident.id))
    .map(({ c, score }) => {
      const evidence: EvidenceLine[] = [...c.fired]
        .sort((a, b) => STRENGTH_WEIGHT[b.signature.strength] - STRENGTH_WEIGHT[a.signature.strength] || a.firing.line - b.firing.line)
        .map((f) => ({ line: f.firing.line, text: clip(f.firing.text), signature: f.signature.id, strength: f.signature.strength }));
      const match: IncidentMatch = {
        id: c.incident.id,
        title: c.incident.title,
        score: Math.round(score * 100) / 100,
        confidence: confidenceOf(score),
        matched: false,
        basis: 'signature',
        evidence,
        keywords: [...c.keywords],
      };
      const general = generalOf.get(c.incident.id);
      if (general) match.generalOf = general;
      return match;
    });
}

function clip(line: string): string {
  return line.length <= EVIDENCE_CHARS ? line : `${line.slice(0, EVIDENCE_CHARS - 1)}…`;
}
