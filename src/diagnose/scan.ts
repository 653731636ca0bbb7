import { redactSecrets } from '../redact.js';
import type { Fact } from './facts.js';
import type { LiteralHit } from './literal-scanner.js';
import type { NormalizedPaste } from './normalize.js';
import type { CompiledFact, CompiledSignature, LiteralOwner, SignatureIndex } from './signature-index.js';

/** Where a signature first fired: the pasted line and the record shown as evidence. */
export interface Firing {
  line: number;
  text: string;
}

export interface ScanResult {
  /** signatures whose terms fired and whose context holds, with their first firing */
  fired: Array<{ compiled: CompiledSignature; firing: Firing }>;
  keywords: ReadonlyMap<string, ReadonlySet<string>>;
  components: string[];
}

/**
 * Runs the knowledge base's signatures over a paste piece by piece: the literal scanner finds
 * the records worth testing, terms are tested there, contexts (requires/excludes) are
 * remembered across pieces, so a 5 MB log costs what its pieces cost and every line counts.
 */
export class PasteScan {
  private readonly firings = new Map<number, Firing>();
  private readonly contextSeen = new Set<number>();
  private readonly keywords = new Map<string, Set<string>>();
  private readonly components = new Set<string>();

  constructor(private readonly index: SignatureIndex) {}

  add(paste: NormalizedPaste): void {
    const { canonical, canonicalText: joined } = paste;
    if (canonical.length === 0) return;
    const starts = startsOf(canonical);
    const tested = new Set<number>();
    const index = this.index;
    const pieceRecords = canonical.length;
    const hits = index.scanner.scan(joined);
    const inPiece = literalsIn(hits, index.literals);
    // per `all` signature: whether this piece holds a literal of each of its terms (if not, no
    // record window can match it), worked out on its first hit
    const possible = new Map<number, boolean>();
    // Per literal, the owners still worth a visit in this piece. A common word ("namespace") is hit
    // at most records and owned by many signatures: one that fired, cannot hold here or is a
    // context already seen is dropped on its first visit, so later hits cost what the rest cost
    // (with 10,000 incidents, owner visits, not regexes, were what grew with the knowledge).
    const live = new Map<number, readonly LiteralOwner[]>();
    for (const hit of hits) {
      const literal = index.literals[hit.literal] as string;
      const owners = live.get(hit.literal) ?? index.ownersOf(hit.literal);
      // made only once an owner is dropped: most literals keep every owner, and a list per hit would be garbage
      let kept: LiteralOwner[] | undefined;
      for (let at = 0; at < owners.length; at++) {
        const owner = owners[at] as LiteralOwner;
        if (owner.kind === 'signature') {
          if (this.firings.has(owner.signature)) {
            kept ??= owners.slice(0, at);
            continue;
          }
          const compiled = index.signatures[owner.signature] as CompiledSignature;
          // An `all` signature is found by the literals of any of its terms, so one common word
          // ("namespace") would have its every occurrence test a window of records. Each term
          // must match some record of the piece, and a match holds one of the term's literals.
          if (compiled.termLiterals) {
            let holds = possible.get(owner.signature);
            if (holds === undefined) {
              holds = compiled.termLiterals.every((literals) => literals.some(inPiece));
              possible.set(owner.signature, holds);
            }
            if (!holds) {
              kept ??= owners.slice(0, at);
              continue;
            }
          }
          const record = lineAt(starts, hit.end - 1);
          const key = owner.signature * pieceRecords + record;
          if (!tested.has(key)) {
            tested.add(key);
            this.fire(owner.signature, compiled, paste, record, canonical[record] as string, paste.display[record] as string);
          }
          if (this.firings.has(owner.signature)) kept ??= owners.slice(0, at);
          else kept?.push(owner);
        } else if (owner.kind === 'context') {
          if (!this.contextSeen.has(owner.context)) this.see(owner.context, canonical[lineAt(starts, hit.end - 1)] as string);
          if (this.contextSeen.has(owner.context)) kept ??= owners.slice(0, at);
          else kept?.push(owner);
        } else {
          // keywords and components count once; a hit inside a longer word does not count, the next may
          if (!isWholeWord(joined, hit.end - literal.length, hit.end)) {
            kept?.push(owner);
            continue;
          }
          kept ??= owners.slice(0, at);
          if (owner.kind === 'keyword') {
            const set = this.keywords.get(owner.incident.id) ?? new Set<string>();
            set.add(owner.keyword);
            this.keywords.set(owner.incident.id, set);
          } else this.components.add(owner.name);
        }
      }
      live.set(hit.literal, kept ?? owners);
    }
    this.addAlternates(paste);
    for (const context of index.unfilteredContexts) {
      if (!this.contextSeen.has(context) && index.contexts[context]?.regex.test(joined)) this.contextSeen.add(context);
    }
    this.addFacts(paste);
  }

  /**
   * A record a terminal may have cut mid-word is also read joined without the space: its
   * signatures and contexts are tested on that reading as they are on a record (keywords and
   * components were counted on the record already).
   */
  private addAlternates(paste: NormalizedPaste): void {
    const index = this.index;
    for (const alternate of paste.alternates) {
      for (const hit of index.scanner.scan(alternate.canonical)) {
        for (const owner of index.ownersOf(hit.literal)) {
          if (owner.kind === 'signature' && !this.firings.has(owner.signature)) {
            const compiled = index.signatures[owner.signature] as CompiledSignature;
            this.fire(owner.signature, compiled, paste, alternate.record, alternate.canonical, alternate.display);
          } else if (owner.kind === 'context' && !this.contextSeen.has(owner.context)) this.see(owner.context, alternate.canonical);
        }
      }
    }
  }

  /** Fires the signature when its terms hold at the record, read as `text` and shown as `shown`. */
  private fire(signature: number, compiled: CompiledSignature, paste: NormalizedPaste, record: number, text: string, shown: string): void {
    if (termsHold(compiled, paste, record, text)) this.firings.set(signature, { line: paste.lineNumbers[record] as number, text: shown });
  }

  /** Marks the context seen when its regex matches the text. */
  private see(context: number, text: string): void {
    if (this.index.contexts[context]?.regex.test(text)) this.contextSeen.add(context);
  }

  private addFacts(paste: NormalizedPaste): void {
    for (const fact of paste.facts) {
      for (const signature of this.index.factSignatures.get(fact.field.toLowerCase()) ?? []) {
        if (this.firings.has(signature)) continue;
        const compiled = this.index.signatures[signature] as CompiledSignature;
        if (compiled.fact && factHolds(compiled.fact, fact)) this.firings.set(signature, { line: fact.line, text: factEvidence(fact) });
      }
    }
  }

  result(): ScanResult {
    const fired: ScanResult['fired'] = [];
    for (const [signature, firing] of this.firings) {
      const compiled = this.index.signatures[signature] as CompiledSignature;
      if (compiled.excludes.some((c) => this.contextSeen.has(c))) continue;
      if (!compiled.requires.every((c) => this.contextSeen.has(c))) continue;
      fired.push({ compiled, firing });
    }
    return { fired, keywords: this.keywords, components: [...this.components] };
  }
}

/**
 * Every term in the record, or (with `within`) each term in a record at most that many lines
 * away. `text` is the record's canonical text, or another reading of it (an alternate).
 */
function termsHold(compiled: CompiledSignature, paste: NormalizedPaste, record: number, text: string): boolean {
  if (compiled.within === 0) return compiled.terms.every((term) => term.test(text));
  const line = paste.lineNumbers[record] as number;
  let from = record;
  while (from > 0 && line - (paste.lineNumbers[from - 1] as number) <= compiled.within) from--;
  let to = record;
  while (to + 1 < paste.canonical.length && (paste.lineNumbers[to + 1] as number) - line <= compiled.within) to++;
  return compiled.terms.every((term) => {
    if (term.test(text)) return true;
    for (let r = from; r <= to; r++) if (r !== record && term.test(paste.canonical[r] as string)) return true;
    return false;
  });
}

export function factHolds(condition: CompiledFact, fact: Fact): boolean {
  if (condition.kind !== undefined) {
    // a block of unknown kind counts only when the condition names the very object
    if (fact.kind === undefined ? condition.name === undefined : fact.kind !== condition.kind) return false;
  }
  if (condition.name && (fact.name === undefined || !condition.name.test(fact.name))) return false;
  if (condition.namespace && fact.namespace !== undefined && !condition.namespace.test(fact.namespace)) return false;
  return condition.value(fact.value);
}

/** "ServiceAccount aws-node (kube-system) · Annotations: <none>": the fact as the evidence a user reads. */
function factEvidence(fact: Fact): string {
  const object = [fact.kind, fact.name, fact.namespace ? `(${fact.namespace})` : undefined].filter(Boolean).join(' ');
  return redactSecrets(`${object ? `${object} · ` : ''}${fact.field}: ${fact.value}`).text;
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Whether a (lowercased) literal occurs in the (lowercased) piece. Every term literal is one the
 * scanner looks for, and it reports every occurrence of an ASCII literal, so the hits answer it
 * without searching the text again: a search per literal cost a pass over the piece for each
 * `all` signature a common word woke (with 10,000 incidents, most of a 40 KB paste's time).
 * The regexes run with the i flag but without u, where an ASCII letter only ever matches an ASCII
 * letter, so a term's match in lowercased text holds its ASCII literal as it is. A literal with
 * other characters counts as present: the scanner folds those, and the i flag folds some of them
 * to letters a substring test would miss (a written σ matches a final ς), so this test must never
 * rule out a record the scanner would have let through.
 */
function literalsIn(hits: readonly LiteralHit[], literals: readonly string[]): (literal: string) => boolean {
  const found = new Set<string>();
  for (const hit of hits) found.add(literals[hit.literal] as string);
  return (literal) => found.has(literal) || NON_ASCII.test(literal);
}

function startsOf(lines: string[]): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const WORD = /[a-z0-9]/;
function isWholeWord(text: string, start: number, end: number): boolean {
  return !WORD.test(text[start - 1] ?? ' ') && !WORD.test(text[end] ?? ' ');
}
