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
  /** with `all`: each term's literals, one of which every match of that term contains */
  termLiterals?: ReadonlyArray<readonly string[]>;
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
export type LiteralOwner =
  | { kind: 'signature'; signature: number }
  | { kind: 'context'; context: number }
  | { kind: 'keyword'; incident: Incident; keyword: string }
  | { kind: 'component'; name: string };

/**
 * Every literal and who owns it, as flat arrays: what a knowledge snapshot stores, so a load
 * neither walks every incident's keywords nor builds an owner object for a literal no paste hits.
 * The owners of literal i are entries ownerStart[i] to ownerStart[i + 1] - 1 of the owner arrays.
 */
export interface OwnerData {
  literals: string[];
  ownerStart: Int32Array;
  /** OWNER_KINDS index */
  ownerKind: Uint8Array;
  /** the signature, context or incident index (-1 for a component, whose name is the literal) */
  ownerRef: Int32Array;
  /** for a keyword owner, its index in `keywords` (the keyword as written); -1 otherwise */
  ownerText: Int32Array;
  keywords: string[];
}

const OWNER_KINDS = ['signature', 'context', 'keyword', 'component'] as const;

export interface SignatureIndex {
  signatures: CompiledSignature[];
  contexts: CompiledContext[];
  /** contexts with no literal: tested on every piece of the paste */
  unfilteredContexts: number[];
  /** fact signatures by lowercased field name */
  factSignatures: ReadonlyMap<string, number[]>;
  scanner: LiteralScanner;
  literals: string[];
  /** who owns a literal the scanner found (built on the first hit of that literal) */
  ownersOf(literal: number): readonly LiteralOwner[];
  ownerData: OwnerData;
}

export interface IndexInput {
  signature: CompiledSignature;
  /** the literals of every term: an occurrence of any of them makes the record worth testing */
  literals: string[];
}

/**
 * One scanner for every signature and context literal, keyword and component name of the
 * knowledge base, built once at load; from a snapshot, the scanner and the owner table come
 * already built (its key covers every input to them).
 */
export function buildSignatureIndex(
  inputs: IndexInput[],
  contexts: CompiledContext[],
  incidents: Incident[],
  built?: { scanner: ScannerData; owners: OwnerData },
): SignatureIndex {
  const factSignatures = new Map<string, number[]>();
  inputs.forEach(({ signature: compiled }, signature) => {
    if (compiled.fact) {
      const field = compiled.fact.field;
      factSignatures.set(field, [...(factSignatures.get(field) ?? []), signature]);
    }
  });
  const unfilteredContexts: number[] = [];
  contexts.forEach(({ literals }, context) => {
    if (literals === undefined) unfilteredContexts.push(context);
  });
  const data = built?.owners ?? ownerDataOf(inputs, contexts, incidents);
  const owners: Array<readonly LiteralOwner[] | undefined> = [];
  return {
    signatures: inputs.map((i) => i.signature),
    contexts,
    unfilteredContexts,
    factSignatures,
    scanner: built ? LiteralScanner.fromData(built.scanner) : new LiteralScanner(data.literals),
    literals: data.literals,
    ownersOf: (literal) => {
      let list = owners[literal];
      if (!list) {
        list = ownersAt(data, literal, incidents);
        owners[literal] = list;
      }
      return list;
    },
    ownerData: data,
  };
}

function ownersAt(data: OwnerData, literal: number, incidents: readonly Incident[]): LiteralOwner[] {
  const list: LiteralOwner[] = [];
  for (let at = data.ownerStart[literal] as number; at < (data.ownerStart[literal + 1] as number); at++) {
    const ref = data.ownerRef[at] as number;
    const kind = OWNER_KINDS[data.ownerKind[at] as number];
    if (kind === 'signature') list.push({ kind, signature: ref });
    else if (kind === 'context') list.push({ kind, context: ref });
    else if (kind === 'keyword')
      list.push({ kind, incident: incidents[ref] as Incident, keyword: data.keywords[data.ownerText[at] as number] as string });
    else list.push({ kind: 'component', name: data.literals[literal] as string });
  }
  return list;
}

/** The owner table from the compiled signatures, contexts and incidents: literals in first-seen order, owners in the order they were met. */
function ownerDataOf(inputs: IndexInput[], contexts: CompiledContext[], incidents: Incident[]): OwnerData {
  const literalIds = new Map<string, number>();
  const literals: string[] = [];
  const owners: Array<Array<[number, number, number]>> = [];
  const keywords: string[] = [];
  const own = (literal: string, kind: number, ref: number, text = -1) => {
    let id = literalIds.get(literal);
    if (id === undefined) {
      id = literals.length;
      literalIds.set(literal, id);
      literals.push(literal);
      owners.push([]);
    }
    owners[id]?.push([kind, ref, text]);
  };
  inputs.forEach(({ literals: signatureLiterals }, signature) => {
    for (const literal of new Set(signatureLiterals)) own(literal, 0, signature);
  });
  contexts.forEach(({ literals: contextLiterals }, context) => {
    for (const literal of new Set(contextLiterals ?? [])) own(literal, 1, context);
  });
  incidents.forEach((incident, i) => {
    for (const keyword of incident.keywords) {
      keywords.push(keyword);
      own(keyword.toLowerCase(), 2, i, keywords.length - 1);
    }
  });
  const components = new Set(incidents.flatMap((i) => [...i.components, ...i.platforms]).map((c) => c.toLowerCase()));
  for (const name of components) own(name, 3, -1);
  const total = owners.reduce((n, list) => n + list.length, 0);
  const data: OwnerData = {
    literals,
    ownerStart: new Int32Array(literals.length + 1),
    ownerKind: new Uint8Array(total),
    ownerRef: new Int32Array(total),
    ownerText: new Int32Array(total),
    keywords,
  };
  let at = 0;
  owners.forEach((list, literal) => {
    data.ownerStart[literal] = at;
    for (const [kind, ref, text] of list) {
      data.ownerKind[at] = kind;
      data.ownerRef[at] = ref;
      data.ownerText[at] = text;
      at++;
    }
  });
  data.ownerStart[literals.length] = at;
  return data;
}
