/**
 * Aho–Corasick over ASCII code units: finds every occurrence of many literals in one pass, so the
 * cost of a paste does not grow with the number of signatures. Hand-written because the npm
 * implementation we measured segments graphemes first (6.6 ms per 40 KB paste, too slow for the
 * latency budget). Callers lowercase text and literals; every non-ASCII unit folds to one symbol,
 * which can only add candidates (the signature's regex decides), never lose one.
 *
 * Transitions are stored compactly (children of node n at childStart[n]..childStart[n+1]), with
 * dense rows for wide nodes (the root and the first levels), where a scan spends most of its time.
 */
const ALPHABET = 128;
const OTHER = 127;
const DENSE_FROM = 6;

function symbol(code: number): number {
  return Math.min(code, OTHER);
}

export interface LiteralHit {
  /** index of the literal in the array given to the constructor */
  literal: number;
  /** offset just past the end of the occurrence */
  end: number;
}

/**
 * What scan() reads: the trie and its failure links, renumbered (see scanTables). It is also the
 * scanner as the knowledge snapshot stores it: a restored scanner takes these arrays as they are
 * and scans at once, where building them walks every character of every literal and then every
 * row (about 25 ms of a one-paste run for the real knowledge).
 */
export interface ScannerData {
  /** nodes below this number have a row */
  dense: number;
  /** rows[node * ALPHABET + code]: the target a character leads to, failure links followed */
  rows: Int32Array;
  /** the children of the nodes without a row, as targets */
  childStart: Int32Array;
  childCode: Uint8Array;
  childTarget: Int32Array;
  fail: Int32Array;
  /** the literals ending at node n are outputList[outputStart[n] .. outputStart[n + 1]) */
  outputStart: Int32Array;
  outputList: Int32Array;
}

export class LiteralScanner {
  /** dense transition rows for nodes with many children (the root and the first levels) */
  private readonly denseNext: Array<Int32Array | undefined>;
  private readonly childStart: Int32Array;
  private readonly childCode: Uint8Array;
  private readonly childNode: Int32Array;
  private readonly fail: Int32Array;
  /** literals ending at a node, including those reached through failure links */
  private readonly outputs: Array<number[] | undefined>;
  /** built on the first scan or toData(): a compile that never scans (kb lint) does not pay for it */
  private tables: ScannerData | undefined;

  constructor(literals: readonly string[]) {
    const codes: number[][] = [[]];
    const nodes: number[][] = [[]];
    const ends: Array<number[] | undefined> = [undefined];
    // node * ALPHABET + code stays a small integer, which keeps this map fast while building.
    const edges = new Map<number, number>();
    literals.forEach((literal, index) => {
      let node = 0;
      for (let i = 0; i < literal.length; i++) {
        const code = symbol(literal.charCodeAt(i));
        const key = node * ALPHABET + code;
        let next = edges.get(key);
        if (next === undefined) {
          next = codes.length;
          edges.set(key, next);
          codes.push([]);
          nodes.push([]);
          ends.push(undefined);
          (codes[node] as number[]).push(code);
          (nodes[node] as number[]).push(next);
        }
        node = next;
      }
      ends[node] = [...(ends[node] ?? []), index];
    });

    const count = codes.length;
    this.childStart = new Int32Array(count + 1);
    let total = 0;
    for (let n = 0; n < count; n++) {
      this.childStart[n] = total;
      total += (codes[n] as number[]).length;
    }
    this.childStart[count] = total;
    this.childCode = new Uint8Array(total);
    this.childNode = new Int32Array(total);
    for (let n = 0; n < count; n++) {
      const start = this.childStart[n] as number;
      (codes[n] as number[]).forEach((code, i) => {
        this.childCode[start + i] = code;
        this.childNode[start + i] = (nodes[n] as number[])[i] as number;
      });
    }
    this.denseNext = codes.map((row, n) => {
      if (n !== 0 && row.length < DENSE_FROM) return undefined;
      const dense = new Int32Array(ALPHABET);
      row.forEach((code, i) => {
        dense[code] = (nodes[n] as number[])[i] as number;
      });
      return dense;
    });
    this.fail = new Int32Array(count);
    this.outputs = ends;
    this.linkFailures();
  }

  toData(): ScannerData {
    this.tables ??= this.scanTables();
    return this.tables;
  }

  /** A scanner from its stored tables; only scan() and toData() are ever called on it. */
  static fromData(data: ScannerData): LiteralScanner {
    return Object.assign(Object.create(LiteralScanner.prototype) as LiteralScanner, { tables: data });
  }

  scan(text: string): LiteralHit[] {
    this.tables ??= this.scanTables();
    const { dense, rows, childStart, childCode, childTarget, fail, outputStart, outputList } = this.tables;
    const hits: LiteralHit[] = [];
    let node = 0;
    // step() and child() inlined over typed arrays: this loop runs once per character of the paste
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      const code = unit < OTHER ? unit : OTHER;
      let next = 0;
      for (;;) {
        if (node < dense) {
          next = rows[node * ALPHABET + code] as number;
          break;
        }
        const end = childStart[node + 1] as number;
        for (let k = childStart[node] as number; k < end; k++) {
          if (childCode[k] === code) {
            next = childTarget[k] as number;
            break;
          }
        }
        // a child is never the root, so its target is never 0
        if (next > 0) break;
        node = fail[node] as number;
      }
      node = next >> 1;
      if ((next & 1) === 1) {
        const to = outputStart[node + 1] as number;
        for (let k = outputStart[node] as number; k < to; k++) hits.push({ literal: outputList[k] as number, end: i + 1 });
      }
    }
    return hits;
  }

  /**
   * The trie renumbered for scanning: nodes with a dense row first (so "has a row" is one
   * comparison), their rows with the failure links already followed (a miss on the root or a
   * wide node is one lookup, not a walk), and every target with whether literals end there in
   * its low bit (most characters end none, and then no output table is read).
   */
  private scanTables(): ScannerData {
    const count = this.fail.length;
    const id = new Int32Array(count);
    const old = new Int32Array(count);
    let next = 0;
    // the root has a row: it stays 0
    this.denseNext.forEach((row, node) => {
      if (row) id[node] = next++;
    });
    const dense = next;
    // the others breadth-first: the shallow nodes a scan visits most sit together in memory
    const queue = [0];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head] as number;
      if (!this.denseNext[node]) id[node] = next++;
      for (let k = this.childStart[node] as number; k < (this.childStart[node + 1] as number); k++) queue.push(this.childNode[k] as number);
    }
    id.forEach((renumbered, node) => {
      old[renumbered] = node;
    });
    const target = (node: number) => ((id[node] as number) << 1) | (this.outputs[node]?.length ? 1 : 0);
    const rows = new Int32Array(ALPHABET * dense);
    for (let n = 0; n < dense; n++) {
      for (let code = 0; code < ALPHABET; code++) rows[n * ALPHABET + code] = target(this.step(old[n] as number, code));
    }
    const childStart = new Int32Array(count + 1);
    const childCode = new Uint8Array(this.childCode.length);
    const childTarget = new Int32Array(this.childCode.length);
    const fail = new Int32Array(count);
    const outputStart = new Int32Array(count + 1);
    const outputs: number[] = [];
    let children = 0;
    for (let n = 0; n < count; n++) {
      const node = old[n] as number;
      childStart[n] = children;
      // a node with a row never reads its children
      if (n >= dense) {
        for (let k = this.childStart[node] as number; k < (this.childStart[node + 1] as number); k++) {
          childCode[children] = this.childCode[k] as number;
          childTarget[children] = target(this.childNode[k] as number);
          children++;
        }
      }
      fail[n] = id[this.fail[node] as number] as number;
      outputStart[n] = outputs.length;
      for (const literal of this.outputs[node] ?? []) outputs.push(literal);
    }
    childStart[count] = children;
    outputStart[count] = outputs.length;
    return { dense, rows, childStart, childCode, childTarget, fail, outputStart, outputList: Int32Array.from(outputs) };
  }

  private step(from: number, code: number): number {
    let node = from;
    for (;;) {
      const dense = this.denseNext[node];
      const next = dense !== undefined ? (dense[code] as number) : this.child(node, code);
      if (node === 0) return next;
      if (next > 0) return next;
      node = this.fail[node] as number;
    }
  }

  private child(node: number, code: number): number {
    const end = this.childStart[node + 1] as number;
    for (let i = this.childStart[node] as number; i < end; i++) {
      if (this.childCode[i] === code) return this.childNode[i] as number;
    }
    return 0;
  }

  private linkFailures(): void {
    const queue: number[] = [];
    for (let i = this.childStart[0] as number; i < (this.childStart[1] as number); i++) {
      queue.push(this.childNode[i] as number);
    }
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head] as number;
      const end = this.childStart[node + 1] as number;
      for (let i = this.childStart[node] as number; i < end; i++) {
        const target = this.childNode[i] as number;
        const link = this.step(this.fail[node] as number, this.childCode[i] as number);
        this.fail[target] = link === target ? 0 : link;
        const inherited = this.outputs[link === target ? 0 : link];
        if (inherited !== undefined) this.outputs[target] = [...(this.outputs[target] ?? []), ...inherited];
        queue.push(target);
      }
    }
  }
}
