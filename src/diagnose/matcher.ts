import { KnowledgeError, type KnowledgeProblem } from '../errors.js';
import type { Incident } from '../knowledge/schema.js';
import { regexShapeProblem } from '../regex-shape.js';
import { requiredLiterals } from './pattern-literals.js';
import { buildRunbookIndex, type RunbookIndex } from './runbook.js';
import { buildSignatureIndex, type IndexInput, type SignatureIndex } from './signature-index.js';

/** A literal shorter than this would flag too many lines to be a useful pre-filter. */
const MIN_LITERAL_CHARS = 4;

/** What diagnose() and the runbook search need: the compiled index over one set of incidents. */
export interface Matcher {
  index: SignatureIndex;
  runbook: RunbookIndex;
}

/** What diagnose() reads: the matcher and the incidents it was compiled from (one snapshot). */
export interface MatcherSnapshot {
  index: SignatureIndex;
  byId: ReadonlyMap<string, Incident>;
}

/**
 * Compiles every signature (regex, literal pre-filter, backtracking screen) and the runbook
 * index. A problem names the incident's file and field; all of them are reported at once.
 */
export function compileMatcher(files: ReadonlyArray<{ file: string; incident: Incident }>): Matcher {
  const problems: KnowledgeProblem[] = [];
  const inputs: IndexInput[] = [];
  for (const { file, incident } of files) {
    const seen = new Set<string>();
    incident.signatures.forEach((signature, i) => {
      const field = `signatures.${i}`;
      if (seen.has(signature.id)) problems.push({ file, field: `${field}.id`, message: `duplicate signature id "${signature.id}"` });
      seen.add(signature.id);
      const compiled = compileSignature(file, field, incident, signature, problems);
      if (compiled) inputs.push(compiled);
    });
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  const incidents = files.map((f) => f.incident);
  return { index: buildSignatureIndex(inputs, incidents), runbook: buildRunbookIndex(incidents) };
}

function compileSignature(
  file: string,
  field: string,
  incident: Incident,
  signature: Incident['signatures'][number],
  problems: KnowledgeProblem[],
): IndexInput | undefined {
  const compile = (source: string, at: string): RegExp | undefined => {
    let regex: RegExp;
    try {
      regex = new RegExp(source, 'i');
    } catch (error) {
      problems.push({ file, field: at, message: `regex does not compile: ${(error as Error).message}` });
      return undefined;
    }
    // every load, not only kb lint: a folder from a team's repository must not stall every diagnosis
    const shape = regexShapeProblem(source);
    if (shape) problems.push({ file, field: at, message: shape });
    return shape ? undefined : regex;
  };
  const regex = compile(signature.pattern, `${field}.pattern`);
  const requires = (signature.requires ?? []).map((source, i) => compile(source, `${field}.requires.${i}`));
  const excludes = (signature.excludes ?? []).map((source, i) => compile(source, `${field}.excludes.${i}`));
  if (!regex) return undefined;
  const literals = requiredLiterals(signature.pattern);
  const shortest = Math.min(...literals.map((l) => l.trim().length));
  if (literals.length === 0 || shortest < MIN_LITERAL_CHARS) {
    problems.push({
      file,
      field: `${field}.pattern`,
      message: `needs a literal run of at least ${MIN_LITERAL_CHARS} characters in every alternative (found ${JSON.stringify(literals)})`,
    });
    return undefined;
  }
  if (requires.includes(undefined) || excludes.includes(undefined)) return undefined;
  return {
    signature: { incident, signature, regex, requires: requires as RegExp[], excludes: excludes as RegExp[] },
    literals,
  };
}
