import { KnowledgeError, type KnowledgeProblem } from '../errors.js';
import type { FactCondition, Incident, Signature } from '../knowledge/schema.js';
import { regexShapeProblem } from '../regex-shape.js';
import { canonicalKind } from './facts.js';
import { buildLexicalIndex, type LexicalIndex } from './lexical.js';
import { requiredLiterals } from './pattern-literals.js';
import { buildRunbookIndex, type RunbookIndex } from './runbook.js';
import {
  buildSignatureIndex,
  type CompiledContext,
  type CompiledFact,
  type CompiledSignature,
  type IndexInput,
  type SignatureIndex,
} from './signature-index.js';

/** A literal shorter than this would flag too many lines to be a useful pre-filter. */
const MIN_LITERAL_CHARS = 4;

/** What diagnose() and the runbook search need: the compiled index over one set of incidents. */
export interface Matcher {
  index: SignatureIndex;
  runbook: RunbookIndex;
  lexical: LexicalIndex;
}

/** What diagnose() reads: the matcher and the incidents it was compiled from (one snapshot). */
export interface MatcherSnapshot {
  index: SignatureIndex;
  lexical: LexicalIndex;
  byId: ReadonlyMap<string, Incident>;
}

/**
 * Compiles every signature (regex, literal pre-filter, backtracking screen) and the runbook
 * index. A problem names the incident's file and field; all of them are reported at once.
 */
export function compileMatcher(files: ReadonlyArray<{ file: string; incident: Incident }>): Matcher {
  const problems: KnowledgeProblem[] = [];
  const inputs: IndexInput[] = [];
  const contexts = new ContextTable();
  for (const { file, incident } of files) {
    const seen = new Set<string>();
    incident.signatures.forEach((signature, i) => {
      const field = `signatures.${i}`;
      if (seen.has(signature.id)) problems.push({ file, field: `${field}.id`, message: `duplicate signature id "${signature.id}"` });
      seen.add(signature.id);
      const compiled = compileSignature({ file, field, problems }, incident, signature, contexts);
      if (compiled) inputs.push(compiled);
    });
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  const incidents = files.map((f) => f.incident);
  return {
    index: buildSignatureIndex(inputs, contexts.list, incidents),
    runbook: buildRunbookIndex(incidents),
    lexical: buildLexicalIndex(incidents),
  };
}

interface Site {
  file: string;
  field: string;
  problems: KnowledgeProblem[];
}

/** One compiled context per distinct regex source: entries repeat the same requires often. */
class ContextTable {
  readonly list: CompiledContext[] = [];
  private readonly ids = new Map<string, number>();

  idOf(source: string, regex: RegExp): number {
    let id = this.ids.get(source);
    if (id === undefined) {
      id = this.list.length;
      const literals = requiredLiterals(source);
      const usable = literals.length > 0 && Math.min(...literals.map((l) => l.trim().length)) >= MIN_CONTEXT_LITERAL_CHARS;
      this.list.push({ regex, literals: usable ? literals : undefined });
      this.ids.set(source, id);
    }
    return id;
  }
}

/** A context literal may be shorter than a signature's: it only decides which records a context regex is tried on. */
const MIN_CONTEXT_LITERAL_CHARS = 3;

function compileRegex(site: Site, source: string, at: string): RegExp | undefined {
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'i');
  } catch (error) {
    site.problems.push({ file: site.file, field: at, message: `regex does not compile: ${(error as Error).message}` });
    return undefined;
  }
  // every load, not only kb lint: a folder from a team's repository must not stall every diagnosis
  const shape = regexShapeProblem(source);
  if (shape) site.problems.push({ file: site.file, field: at, message: shape });
  return shape ? undefined : regex;
}

/** Every term needs a literal run in every alternative: the scanner finds records by it. */
function termLiterals(site: Site, source: string, at: string): string[] | undefined {
  const literals = requiredLiterals(source);
  const shortest = Math.min(...literals.map((l) => l.trim().length));
  if (literals.length === 0 || shortest < MIN_LITERAL_CHARS) {
    site.problems.push({
      file: site.file,
      field: at,
      message: `needs a literal run of at least ${MIN_LITERAL_CHARS} characters in every alternative (found ${JSON.stringify(literals)})`,
    });
    return undefined;
  }
  return literals;
}

function compileSignature(site: Site, incident: Incident, signature: Signature, contexts: ContextTable): IndexInput | undefined {
  const { field } = site;
  const before = site.problems.length;
  const contextIds = (sources: string[] | undefined, name: string) =>
    (sources ?? []).flatMap((source, i) => {
      const regex = compileRegex(site, source, `${field}.${name}.${i}`);
      return regex ? [contexts.idOf(source, regex)] : [];
    });
  const requires = contextIds(signature.requires, 'requires');
  const excludes = contextIds(signature.excludes, 'excludes');
  const termSources: Array<[string, string]> = signature.pattern
    ? [[signature.pattern, `${field}.pattern`]]
    : (signature.all ?? []).map((source, i) => [source, `${field}.all.${i}`]);
  const terms: RegExp[] = [];
  const literals: string[] = [];
  for (const [source, at] of termSources) {
    const regex = compileRegex(site, source, at);
    if (!regex) continue;
    terms.push(regex);
    literals.push(...(termLiterals(site, source, at) ?? []));
  }
  const fact = signature.fact ? compileFact(site, signature.fact) : undefined;
  if (site.problems.length > before) return undefined;
  const compiled: CompiledSignature = { incident, signature, terms, within: signature.within ?? 0, requires, excludes };
  if (fact) compiled.fact = fact;
  return { signature: compiled, literals };
}

function compileFact(site: Site, condition: FactCondition): CompiledFact | undefined {
  const at = `${site.field}.fact`;
  const whole = (source: string | undefined, name: string) =>
    source === undefined ? undefined : compileRegex(site, `^(?:${source})$`, `${at}.${name}`);
  const name = whole(condition.name, 'name');
  const namespace = whole(condition.namespace, 'namespace');
  const pattern = condition.matches === undefined ? undefined : compileRegex(site, condition.matches, `${at}.matches`);
  const kind = condition.kind === undefined ? undefined : canonicalKind(condition.kind);
  if (condition.kind !== undefined && kind === undefined) {
    site.problems.push({ file: site.file, field: `${at}.kind`, message: `unknown kind "${condition.kind}"` });
    return undefined;
  }
  const equals = condition.equals?.trim().toLowerCase();
  const compiled: CompiledFact = {
    field: condition.field.toLowerCase(),
    value: (value) => (pattern ? pattern.test(value) : value.trim().toLowerCase() === equals),
  };
  if (kind) compiled.kind = kind;
  if (name) compiled.name = name;
  if (namespace) compiled.namespace = namespace;
  return compiled;
}
