import { KnowledgeError, type KnowledgeProblem } from '../errors.js';
import type { FactCondition, Incident, Signature } from '../knowledge/schema.js';
import { regexShapeProblem } from '../regex-shape.js';
import { canonicalKind } from './facts.js';
import { requiredLiterals } from './pattern-literals.js';

/**
 * What the matcher is built from, as plain data: every regex as source text with the literals the
 * scanner looks for. Working it out (parsing each regex for its literals and screening it for
 * catastrophic backtracking) is most of the cost of compiling a knowledge base, and it depends
 * only on the knowledge files, so the knowledge snapshot stores it (src/triage/knowledge-snapshot.ts,
 * which reads its signature records lazily: DeferredPlan) and a CLI run does not repeat it. Indexes refer to the incidents in the order given.
 */
export interface MatcherPlan {
  signatures: PlannedSignature[];
  /** requires/excludes regexes, one per distinct source */
  contexts: PlannedContext[];
}

/**
 * A plan read from a knowledge snapshot: per signature only what a load reads (its incident and
 * fact); the rest of each record is parsed when the signature is first tested (67,000 records,
 * 17 MB of JSON, were a third of a 10,000-incident load).
 */
export interface DeferredPlan {
  contexts: PlannedContext[];
  /** the incident of each signature, in plan order */
  incidents: Int32Array;
  facts: ReadonlyMap<number, PlannedFact>;
  /** the whole record of signature `at` */
  read(at: number): PlannedSignature;
}

export interface PlannedSignature {
  /** index of the incident, and of the signature within it */
  incident: number;
  signature: number;
  /** `pattern` (one term) or `all` */
  terms: string[];
  /** the literals of every term: an occurrence of any of them makes the record worth testing */
  literals: string[];
  /** with more than one term: each term's own literals (see PasteScan's per-piece test) */
  termLiterals?: string[][];
  within: number;
  requires: number[];
  excludes: number[];
  fact?: PlannedFact;
}

export interface PlannedFact {
  field: string;
  kind?: string;
  /** whole-value regex sources */
  name?: string;
  namespace?: string;
  matches?: string;
  equals?: string;
}

export interface PlannedContext {
  source: string;
  literals?: string[];
}

/** A literal shorter than this would flag too many lines to be a useful pre-filter. */
const MIN_LITERAL_CHARS = 4;
/** A context literal may be shorter than a signature's: it only decides which records a context regex is tried on. */
const MIN_CONTEXT_LITERAL_CHARS = 3;

interface Site {
  file: string;
  field: string;
  problems: KnowledgeProblem[];
}

/**
 * Checks every signature (the regex compiles, passes the backtracking screen, has a literal to
 * look for) and plans the index. A problem names the incident's file and field; all of them are
 * reported at once.
 */
export function planMatcher(files: ReadonlyArray<{ file: string; incident: Incident }>): MatcherPlan {
  const problems: KnowledgeProblem[] = [];
  const signatures: PlannedSignature[] = [];
  const contexts = new ContextTable();
  files.forEach(({ file, incident }, incidentIndex) => {
    const seen = new Set<string>();
    incident.signatures.forEach((signature, i) => {
      const field = `signatures.${i}`;
      if (seen.has(signature.id)) problems.push({ file, field: `${field}.id`, message: `duplicate signature id "${signature.id}"` });
      seen.add(signature.id);
      const planned = planSignature({ file, field, problems }, signature, contexts);
      if (planned) signatures.push({ incident: incidentIndex, signature: i, ...planned });
    });
  });
  if (problems.length > 0) throw new KnowledgeError(problems);
  return { signatures, contexts: contexts.list };
}

/** One context per distinct regex source: entries repeat the same requires often. */
class ContextTable {
  readonly list: PlannedContext[] = [];
  private readonly ids = new Map<string, number>();

  idOf(source: string): number {
    let id = this.ids.get(source);
    if (id === undefined) {
      id = this.list.length;
      const literals = requiredLiterals(source);
      const usable = literals.length > 0 && Math.min(...literals.map((l) => l.trim().length)) >= MIN_CONTEXT_LITERAL_CHARS;
      this.list.push(usable ? { source, literals } : { source });
      this.ids.set(source, id);
    }
    return id;
  }
}

function regexProblem(site: Site, source: string, at: string): boolean {
  try {
    new RegExp(source, 'i');
  } catch (error) {
    site.problems.push({ file: site.file, field: at, message: `regex does not compile: ${(error as Error).message}` });
    return true;
  }
  // every load, not only kb lint: a folder from a team's repository must not stall every diagnosis
  const shape = regexShapeProblem(source);
  if (shape) site.problems.push({ file: site.file, field: at, message: shape });
  return shape !== undefined;
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

function planSignature(
  site: Site,
  signature: Signature,
  contexts: ContextTable,
): Omit<PlannedSignature, 'incident' | 'signature'> | undefined {
  const { field } = site;
  const before = site.problems.length;
  const contextIds = (sources: string[] | undefined, name: string) =>
    (sources ?? []).flatMap((source, i) => (regexProblem(site, source, `${field}.${name}.${i}`) ? [] : [contexts.idOf(source)]));
  const requires = contextIds(signature.requires, 'requires');
  const excludes = contextIds(signature.excludes, 'excludes');
  const termSources: Array<[string, string]> = signature.pattern
    ? [[signature.pattern, `${field}.pattern`]]
    : (signature.all ?? []).map((source, i) => [source, `${field}.all.${i}`]);
  const terms: string[] = [];
  const perTerm: string[][] = [];
  for (const [source, at] of termSources) {
    if (regexProblem(site, source, at)) continue;
    terms.push(source);
    perTerm.push(termLiterals(site, source, at) ?? []);
  }
  const fact = signature.fact ? planFact(site, signature.fact) : undefined;
  if (site.problems.length > before) return undefined;
  const literals = perTerm.flat();
  const planned: Omit<PlannedSignature, 'incident' | 'signature'> = { terms, literals, within: signature.within ?? 0, requires, excludes };
  if (perTerm.length > 1) planned.termLiterals = perTerm;
  if (fact) planned.fact = fact;
  return planned;
}

function planFact(site: Site, condition: FactCondition): PlannedFact | undefined {
  const at = `${site.field}.fact`;
  const whole = (source: string | undefined, name: string) => {
    if (source === undefined) return undefined;
    const anchored = `^(?:${source})$`;
    return regexProblem(site, anchored, `${at}.${name}`) ? undefined : anchored;
  };
  const planned: PlannedFact = { field: condition.field.toLowerCase() };
  const name = whole(condition.name, 'name');
  const namespace = whole(condition.namespace, 'namespace');
  if (condition.matches !== undefined && !regexProblem(site, condition.matches, `${at}.matches`)) planned.matches = condition.matches;
  if (condition.kind !== undefined) {
    const kind = canonicalKind(condition.kind);
    if (kind === undefined) {
      site.problems.push({ file: site.file, field: `${at}.kind`, message: `unknown kind "${condition.kind}"` });
      return undefined;
    }
    planned.kind = kind;
  }
  if (name) planned.name = name;
  if (namespace) planned.namespace = namespace;
  if (condition.equals !== undefined) planned.equals = condition.equals.trim().toLowerCase();
  return planned;
}
