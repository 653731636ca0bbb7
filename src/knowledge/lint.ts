import { isSafePattern } from 'redos-detector';
import type { KnowledgeProblem } from '../errors.js';
import type { LoadedFile } from './load.js';
import { lintRunbooks } from './runbook-lint.js';

/** Examples an entry needs before its signatures count as tested (team authoring rule). */
export const MIN_MATCH_EXAMPLES = 4;
export const MIN_NO_MATCH_EXAMPLES = 2;
export const MIN_SOURCES = 2;

/**
 * Checks too slow or too strict for every start-up: catastrophic backtracking (every line is
 * also capped at match time), references between entries, and the example and source counts
 * the authoring rules ask for.
 */
export interface LintOptions {
  /** ids the references may name besides the files linted (the base layer under a team's folder) */
  knownIds?: Iterable<string>;
  /** the example and source minimums of the public catalogue; a team's own entries start from one paste */
  authoringMinimums?: boolean;
  /**
   * The ReDoS verdict of one pattern. `kb lint` passes verdicts worked out beforehand in a
   * memory-bounded worker and cached per pattern (redos-verdicts.ts); the default analyses in
   * process.
   */
  redos?: (pattern: string) => string | undefined;
}

/** Every regex of the entries' signatures, with the field it sits in. */
export function signaturePatterns(files: LoadedFile[]): Array<{ file: string; field: string; pattern: string }> {
  return files.flatMap(({ file, incident }) =>
    incident.signatures.flatMap((signature, i) => {
      const terms: Array<[string, string]> = signature.pattern
        ? [[`signatures.${i}.pattern`, signature.pattern]]
        : (signature.all ?? []).map((p, j): [string, string] => [`signatures.${i}.all.${j}`, p]);
      return [
        ...terms,
        ...(signature.requires ?? []).map((p, j): [string, string] => [`signatures.${i}.requires.${j}`, p]),
        ...(signature.excludes ?? []).map((p, j): [string, string] => [`signatures.${i}.excludes.${j}`, p]),
      ].map(([field, pattern]) => ({ file, field, pattern }));
    }),
  );
}

/** What `kb new` leaves in the fields a person must write; an entry that still holds it is not done. */
export const SCAFFOLD_MARKER = 'TODO(kubetriage)';

function markedFields(value: unknown, path: string[] = []): string[] {
  if (typeof value === 'string') return value.includes(SCAFFOLD_MARKER) ? [path.join('.')] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => markedFields(v, [...path, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => markedFields(v, [...path, k]));
  return [];
}

export function lintIncidents(files: LoadedFile[], options: LintOptions = {}): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  const ids = new Set([...files.map((f) => f.incident.id), ...(options.knownIds ?? [])]);
  const minimums = options.authoringMinimums ?? true;
  const redos = options.redos ?? redosProblem;
  for (const { file, field, pattern } of signaturePatterns(files)) {
    const problem = redos(pattern) ?? normalisedAway(pattern);
    if (problem) problems.push({ file, field, message: problem });
  }
  for (const { file, incident } of files) {
    for (const field of markedFields(incident))
      problems.push({ file, field, message: `still the scaffold's placeholder (${SCAFFOLD_MARKER}): write it before the entry is used` });
    // Dangling references break nothing at run time, so they are a lint error, not a start-up one.
    for (const [field, refs] of [
      ['specializes', incident.specializes],
      ['related', incident.related],
    ] as const) {
      refs.forEach((id, i) => {
        if (!ids.has(id)) problems.push({ file, field: `${field}.${i}`, message: `unknown incident id "${id}"` });
      });
    }
    if (!minimums) continue;
    if (incident.examples.match.length < MIN_MATCH_EXAMPLES && !incident.exampleGap) {
      problems.push({
        file,
        field: 'examples.match',
        message: `needs at least ${MIN_MATCH_EXAMPLES} real examples (has ${incident.examples.match.length})`,
      });
    }
    if (incident.examples.noMatch.length < MIN_NO_MATCH_EXAMPLES && !incident.exampleGap) {
      problems.push({
        file,
        field: 'examples.noMatch',
        message: `needs at least ${MIN_NO_MATCH_EXAMPLES} look-alike examples (has ${incident.examples.noMatch.length})`,
      });
    }
    if (incident.sources.length < MIN_SOURCES) {
      problems.push({ file, field: 'sources', message: `needs at least ${MIN_SOURCES} public sources (has ${incident.sources.length})` });
    }
  }
  problems.push(...lintRunbooks(files));
  return problems;
}

/**
 * A dotted IPv4 address written out in a regex: 127\.0\.0\.53, 10.0.2.15. The counterpart of the
 * <ip> rule in diagnose/normalize.ts (CANONICAL_REPLACEMENTS), which this leaf cannot import: change
 * them together.
 */
const LITERAL_IPV4 = /\d{1,3}(?:\\\.|\.)\d{1,3}(?:\\\.|\.)\d{1,3}(?:\\\.|\.)\d{1,3}/;

/**
 * Signatures read the canonical text, where every IPv4 address is <ip>: a regex that spells one
 * out can never match there, however meaningful the address (systemd-resolved's 127.0.0.53,
 * VirtualBox's 10.0.2.15). A `fact` condition sees values as pasted and can name it.
 */
export function normalisedAway(pattern: string): string | undefined {
  const address = LITERAL_IPV4.exec(pattern)?.[0];
  return address
    ? `spells out the IPv4 address ${address.replace(/\\/g, '')}, which normalisation shows as <ip>: that part can never match (write <ip>, or a fact condition for a specific address)`
    : undefined;
}

/** What signatures may not use at all, whatever the analysis says. */
export function forbiddenConstruct(pattern: string): string | undefined {
  return /\\[1-9]|\(\?<?[=!]/.test(pattern) ? 'backreferences and lookarounds are not allowed in signatures' : undefined;
}

/**
 * The redos-detector analysis. Checked as anchored: the matcher caps every line, so what must be
 * ruled out is a blow-up within one match attempt (nested or overlapping quantifiers such as
 * (a+)+ or .*x.*y). Shared with the worker in redos-verdicts.ts, which runs it memory-bounded.
 */
export const REDOS_OPTIONS = { caseInsensitive: true, maxScore: 200, maxSteps: 20000, timeout: 10_000 } as const;
export const anchoredForAnalysis = (pattern: string) => `^(?:${pattern})`;

export function detectorMessage(result: { safe: boolean; error?: string | null | undefined }): string | undefined {
  if (result.safe) return undefined;
  const why = result.error ? ` (${result.error})` : '';
  return `regex may backtrack catastrophically${why}: rewrite nested or overlapping quantifiers (use [^x]*, \\S+ or .{0,N} for gaps)`;
}

export function redosProblem(pattern: string): string | undefined {
  return forbiddenConstruct(pattern) ?? detectorMessage(isSafePattern(anchoredForAnalysis(pattern), REDOS_OPTIONS));
}
