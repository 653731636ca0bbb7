import type { Incident } from '../knowledge/schema.js';
import { buildLexicalIndex, type LexicalData, type LexicalIndex } from './lexical.js';
import type { ScannerData } from './literal-scanner.js';
import type { DeferredPlan, MatcherPlan, PlannedContext, PlannedFact, PlannedSignature } from './matcher-plan.js';
import { buildRunbookIndex, type RunbookIndex } from './runbook.js';
import {
  buildSignatureIndex,
  type CompiledContext,
  type CompiledFact,
  type CompiledSignature,
  type IndexInput,
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
export function instantiateMatcher(plan: MatcherPlan | DeferredPlan, incidents: Incident[], built?: BuiltIndexes): Matcher {
  const contexts = plan.contexts.map(lazyContext);
  let inputs: IndexInput[];
  if ('read' in plan) {
    // the owner table is what needs every signature's literals: a deferred plan comes with it built
    if (!built) throw new Error('a deferred matcher plan needs its built indexes');
    const { incidents: owners, facts } = plan;
    inputs = Array.from(owners, (incident, at) => ({
      signature: new LazySignature(incidents[incident] as Incident, facts.get(at), { plan, at }),
      literals: [],
    }));
  } else {
    inputs = plan.signatures.map((planned) => ({
      signature: new LazySignature(incidents[planned.incident] as Incident, planned.fact, planned),
      literals: planned.literals,
    }));
  }
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
  fact?: CompiledFact;
  private compiledTerms: RegExp[] | undefined;

  constructor(
    incident: Incident,
    fact: PlannedFact | undefined,
    /** the record, or where a deferred plan reads it on first use */
    private source: PlannedSignature | { plan: DeferredPlan; at: number },
  ) {
    this.incident = incident;
    if (fact) this.fact = lazyFact(fact);
  }

  private get planned(): PlannedSignature {
    const { source } = this;
    if ('terms' in source) return source;
    const planned = source.plan.read(source.at);
    this.source = planned;
    return planned;
  }

  get within(): number {
    return this.planned.within;
  }

  get requires(): number[] {
    return this.planned.requires;
  }

  get excludes(): number[] {
    return this.planned.excludes;
  }

  get termLiterals(): ReadonlyArray<readonly string[]> | undefined {
    return this.planned.termLiterals;
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
