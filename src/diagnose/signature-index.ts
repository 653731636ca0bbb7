import type { Incident, Signature } from '../knowledge/schema.js';
import { LiteralScanner, type ScannerData } from './literal-scanner.js';

export interface CompiledFact {
  kind?: string;
  name?: RegExp;
  namespace?: RegExp;
  field: string;
  value: (value: string) => boolean;
}

export interface CompiledSignature {
  incident: Incident;
  signature: Signature;
  /** `pattern`: one term; `all`: every term must match, in any order */
  terms: RegExp[];
  /** with `all`: how many neighbouring lines the terms may spread over (0: one record) */
  within: number;
  fact?: CompiledFact;
  /** ids of the context regexes (shared between signatures that repeat one) */
  requires: number[];
  excludes: number[];
}

/**
 * A requires/excludes regex. Tested per record where one of its literals occurs, so its cost
 * does not grow with the paste; one without a literal to look for is tested on every piece.
 */
export interface CompiledContext {
  regex: RegExp;
  literals: string[] | undefined;
}

/** What an occurrence of a literal means: a record worth testing a signature or context on, a keyword, or a component name. */
type LiteralOwner =
  | { kind: 'signature'; signature: number }
  | { kind: 'context'; context: number }
  | { kind: 'keyword'; incident: Incident; keyword: string }
  | { kind: 'component'; name: string };

export interface SignatureIndex {
  signatures: CompiledSignature[];
  contexts: CompiledContext[];
  /** contexts with no literal: tested on every piece of the paste */
  unfilteredContexts: number[];
  /** fact signatures by lowercased field name */
  factSignatures: ReadonlyMap<string, number[]>;
  scanner: LiteralScanner;
  owners: LiteralOwner[][];
  literals: string[];
}

export interface IndexInput {
  signature: CompiledSignature;
  /** the literals of every term: an occurrence of any of them makes the record worth testing */
  literals: string[];
}

/** One scanner for every signature and context literal, keyword and component name of the knowledge base, built once at load (or restored from a snapshot). */
export function buildSignatureIndex(
  inputs: IndexInput[],
  contexts: CompiledContext[],
  incidents: Incident[],
  scanner?: ScannerData,
): SignatureIndex {
  const literalIds = new Map<string, number>();
  const literals: string[] = [];
  const owners: LiteralOwner[][] = [];
  const own = (literal: string, owner: LiteralOwner) => {
    let id = literalIds.get(literal);
    if (id === undefined) {
      id = literals.length;
      literalIds.set(literal, id);
      literals.push(literal);
      owners.push([]);
    }
    owners[id]?.push(owner);
  };
  const factSignatures = new Map<string, number[]>();
  inputs.forEach(({ literals: signatureLiterals, signature: compiled }, signature) => {
    for (const literal of new Set(signatureLiterals)) own(literal, { kind: 'signature', signature });
    if (compiled.fact) {
      const field = compiled.fact.field;
      factSignatures.set(field, [...(factSignatures.get(field) ?? []), signature]);
    }
  });
  const unfilteredContexts: number[] = [];
  contexts.forEach(({ literals: contextLiterals }, context) => {
    if (contextLiterals === undefined) unfilteredContexts.push(context);
    else for (const literal of new Set(contextLiterals)) own(literal, { kind: 'context', context });
  });
  for (const incident of incidents) {
    for (const keyword of incident.keywords) own(keyword.toLowerCase(), { kind: 'keyword', incident, keyword });
  }
  const components = new Set(incidents.flatMap((i) => [...i.components, ...i.platforms]).map((c) => c.toLowerCase()));
  for (const name of components) own(name, { kind: 'component', name });
  return {
    signatures: inputs.map((i) => i.signature),
    contexts,
    unfilteredContexts,
    factSignatures,
    // a snapshot's scanner was built from these same literals (its key covers every input to them)
    scanner: scanner ? LiteralScanner.fromData(scanner) : new LiteralScanner(literals),
    owners,
    literals,
  };
}
