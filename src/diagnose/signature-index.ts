import type { Incident, Signature } from '../knowledge/schema.js';
import { LiteralScanner } from './literal-scanner.js';

export interface CompiledSignature {
  incident: Incident;
  signature: Signature;
  regex: RegExp;
  requires: RegExp[];
  excludes: RegExp[];
}

/** What an occurrence of a literal means: a line worth testing a signature on, a keyword, or a component name. */
type LiteralOwner =
  | { kind: 'signature'; signature: number }
  | { kind: 'keyword'; incident: Incident; keyword: string }
  | { kind: 'component'; name: string };

export interface SignatureIndex {
  signatures: CompiledSignature[];
  scanner: LiteralScanner;
  owners: LiteralOwner[][];
  literals: string[];
}

export interface IndexInput {
  signature: CompiledSignature;
  literals: string[];
}

/** One scanner for every signature literal, keyword and component name of the knowledge base, built once at load. */
export function buildSignatureIndex(inputs: IndexInput[], incidents: Incident[]): SignatureIndex {
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
  inputs.forEach(({ literals: signatureLiterals }, signature) => {
    for (const literal of signatureLiterals) own(literal, { kind: 'signature', signature });
  });
  for (const incident of incidents) {
    for (const keyword of incident.keywords) own(keyword.toLowerCase(), { kind: 'keyword', incident, keyword });
  }
  const components = new Set(incidents.flatMap((i) => [...i.components, ...i.platforms]).map((c) => c.toLowerCase()));
  for (const name of components) own(name, { kind: 'component', name });
  return { signatures: inputs.map((i) => i.signature), scanner: new LiteralScanner(literals), owners, literals };
}
