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
export function lintIncidents(files: LoadedFile[]): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  const ids = new Set(files.map((f) => f.incident.id));
  for (const { file, incident } of files) {
    // Dangling references break nothing at run time, so they are a lint error, not a start-up one.
    for (const [field, refs] of [
      ['specializes', incident.specializes],
      ['related', incident.related],
    ] as const) {
      refs.forEach((id, i) => {
        if (!ids.has(id)) problems.push({ file, field: `${field}.${i}`, message: `unknown incident id "${id}"` });
      });
    }
    incident.signatures.forEach((signature, i) => {
      const terms: Array<[string, string]> = signature.pattern
        ? [[`signatures.${i}.pattern`, signature.pattern]]
        : (signature.all ?? []).map((p, j): [string, string] => [`signatures.${i}.all.${j}`, p]);
      const patterns: Array<[string, string]> = [
        ...terms,
        ...(signature.requires ?? []).map((p, j): [string, string] => [`signatures.${i}.requires.${j}`, p]),
        ...(signature.excludes ?? []).map((p, j): [string, string] => [`signatures.${i}.excludes.${j}`, p]),
      ];
      for (const [field, pattern] of patterns) {
        const problem = redosProblem(pattern);
        if (problem) problems.push({ file, field, message: problem });
      }
    });
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

export function redosProblem(pattern: string): string | undefined {
  if (/\\[1-9]|\(\?<?[=!]/.test(pattern)) return 'backreferences and lookarounds are not allowed in signatures';
  // Checked as anchored: the matcher caps every line, so what must be ruled out is a blow-up
  // within one match attempt (nested or overlapping quantifiers such as (a+)+ or .*x.*y).
  const result = isSafePattern(`^(?:${pattern})`, { caseInsensitive: true, maxScore: 200, maxSteps: 20000, timeout: 10_000 });
  if (result.safe) return undefined;
  const why = result.error ? ` (${result.error})` : '';
  return `regex may backtrack catastrophically${why}: rewrite nested or overlapping quantifiers (use [^x]*, \\S+ or .{0,N} for gaps)`;
}
