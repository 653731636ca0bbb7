import type { Incident } from '../knowledge/schema.js';
import { buildLexicalIndex, type LexicalData, type LexicalIndex } from './lexical.js';
import type { ScannerData } from './literal-scanner.js';
import type { MatcherPlan, PlannedContext, PlannedFact, PlannedSignature } from './matcher-plan.js';
import { buildRunbookIndex, type RunbookIndex } from './runbook.js';
import {
  buildSignatureIndex,
  type CompiledContext,
  type CompiledFact,
  type CompiledSignature,
  type OwnerData,
  type SignatureIndex,
} from './signature-index.js';

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
 * Builds the index from a plan (src/diagnose/matcher-plan.ts), which may come from a knowledge
 * snapshot: nothing here parses or screens a regex again. Each regex is compiled on its first use,
 * so a paste pays only for the signatures whose literals it contains.
 */
export function instantiateMatcher(plan: MatcherPlan, incidents: Incident[], built?: BuiltIndexes): Matcher {
  const contexts = plan.contexts.map(lazyContext);
  const inputs = plan.signatures.map((planned) => ({ signature: new LazySignature(planned, incidents), literals: planned.literals }));
  let runbook: RunbookIndex | undefined;
  return {
    index: buildSignatureIndex(inputs, contexts, incidents, built),
    // fuse.js indexes every entry; a diagnosis never searches runbooks, so it pays nothing for it
    get runbook() {
      runbook ??= buildRunbookIndex(incidents);
      return runbook;
    },
    lexical: buildLexicalIndex(incidents, built?.lexical),
  };
}

/** The indexes a knowledge snapshot stores already built (the rest is cheap to rebuild). */
export interface BuiltIndexes {
  scanner: ScannerData;
  /** the literal table and its owners */
  owners: OwnerData;
  /** read when first needed: many answers never query the postings */
  lexical: () => LexicalData;
}

export function builtIndexes(matcher: Matcher): BuiltIndexes {
  const lexical = matcher.lexical.toData();
  return { scanner: matcher.index.scanner.toData(), owners: matcher.index.ownerData, lexical: () => lexical };
}

function caseless(source: string): () => RegExp {
  let regex: RegExp | undefined;
  return () => {
    regex ??= new RegExp(source, 'i');
    return regex;
  };
}

function lazyContext(planned: PlannedContext): CompiledContext {
  const regex = caseless(planned.source);
  return {
    get regex() {
      return regex();
    },
    literals: planned.literals,
  };
}

/**
 * A planned signature, its regexes compiled on first use. A class, not an object of closures: a
 * 10,000-incident knowledge base has some 50,000 signatures, and this allocates one object each.
 */
class LazySignature implements CompiledSignature {
  readonly incident: Incident;
  readonly within: number;
  readonly requires: number[];
  readonly excludes: number[];
  termLiterals?: ReadonlyArray<readonly string[]>;
  fact?: CompiledFact;
  private compiledTerms: RegExp[] | undefined;

  constructor(
    private readonly planned: PlannedSignature,
    incidents: readonly Incident[],
  ) {
    this.incident = incidents[planned.incident] as Incident;
    this.within = planned.within;
    this.requires = planned.requires;
    this.excludes = planned.excludes;
    if (planned.termLiterals) this.termLiterals = planned.termLiterals;
    if (planned.fact) this.fact = lazyFact(planned.fact);
  }

  /** read when it fires: from a snapshot, an incident's signatures are parsed only then */
  get signature(): Incident['signatures'][number] {
    return this.incident.signatures[this.planned.signature] as Incident['signatures'][number];
  }

  get terms(): RegExp[] {
    this.compiledTerms ??= this.planned.terms.map((source) => new RegExp(source, 'i'));
    return this.compiledTerms;
  }
}

function lazyFact(planned: PlannedFact): CompiledFact {
  const name = planned.name === undefined ? undefined : caseless(planned.name);
  const namespace = planned.namespace === undefined ? undefined : caseless(planned.namespace);
  const pattern = planned.matches === undefined ? undefined : caseless(planned.matches);
  const equals = planned.equals;
  const fact: CompiledFact = {
    field: planned.field,
    value: (value) => (pattern ? pattern().test(value) : value.trim().toLowerCase() === equals),
  };
  if (planned.kind) fact.kind = planned.kind;
  if (name) Object.defineProperty(fact, 'name', { get: name, enumerable: true });
  if (namespace) Object.defineProperty(fact, 'namespace', { get: namespace, enumerable: true });
  return fact;
}
