import type { Incident } from '../knowledge/schema.js';

/**
 * BM25 over the knowledge base's own words (titles, symptoms, keywords, example texts): it never
 * decides a verdict, it only names the closest entries when the signatures found fewer than the
 * answer lists, so a runner-up list is never empty for an error the knowledge base talks about.
 *
 * Written here rather than taken from MiniSearch (tried first): a BM25 library scores every
 * posting of every query term, so its cost grows with the knowledge base (3 ms an answer at
 * 10,000 entries in `npm run bench`, 80× the rest of the matcher on a short paste). Postings are
 * kept impact-ordered and cut at MAX_POSTINGS per term, so a query costs the same at any size.
 */
export interface LexicalIndex {
  closest(lines: readonly string[], exclude: ReadonlySet<string>, limit: number): string[];
  /** the postings as plain data, for the knowledge snapshot (builds them if no answer has yet) */
  toData(): LexicalData;
}

/**
 * The postings as arrays: term i's postings are docs/weights[offsets[i] .. offsets[i+1]),
 * impact-ordered and cut as built. Typed arrays so a snapshot stores and restores them as bytes;
 * terms sorted (by code unit), so a lookup is a binary search and a restored index builds nothing.
 */
export interface LexicalData {
  terms: string[];
  offsets: Int32Array;
  docs: Int32Array;
  weights: Float64Array;
}

/** The position of `term` in the sorted terms, or -1. */
function termAt(terms: readonly string[], term: string): number {
  let low = 0;
  let high = terms.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = terms[middle] as string;
    if (at === term) return middle;
    if (at < term) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * Only the lines that look like errors are the query: a 40 KB log of INFO lines says nothing.
 * systemd's own words count too: "code=exited, status=255" or "code=killed" is how `systemctl
 * status` and the journal tell that a unit's process died, often with no error word on the line
 * ("status=0/SUCCESS" of a finished ExecStartPre is not one).
 */
const ERROR_LINE =
  /\b(?:error|fail(?:ed|ure)?|unable|cannot|denied|refused|timeout|timed out|x509|unauthori[sz]ed|forbidden|not ready|notready|fatal|panic|invalid|exceeded|evicted|oomkilled|backoff|pending|not found)\b|\bcode=(?:exited, status=[1-9]|killed|dumped)/i;
const MAX_QUERY_LINES = 20;
const MAX_QUERY_TERMS = 40;
/** The entries a term points at most strongly; the rest of a common term's list adds nothing a user would read. */
const MAX_POSTINGS = 64;
/** A hit below this share of the best score is noise, not "closest". */
const MIN_RELATIVE_SCORE = 0.2;
const EXAMPLE_CHARS = 2000;
/** BM25's usual constants; a title or keyword word counts twice. */
const K1 = 1.2;
const B = 0.75;
const FIELD_WEIGHT = { title: 2, keywords: 2, symptoms: 1, examples: 1 } as const;

/** Words too common in Kubernetes errors to tell entries apart. */
const STOP = new Set(
  'the a an and or of to in on for with from at by is are was be been not no it this that as error failed failure unable cannot kubectl kubernetes pod pods node nodes get http https api v1 io k8s com'.split(
    ' ',
  ),
);

/**
 * Words, with a plural's "s" taken off ("namespaces" finds "namespace", "endpoints" "endpoint"):
 * a report and an entry rarely agree on number.
 */
function tokenize(text: string): string[] {
  const words = (text.toLowerCase().match(/[a-z][a-z0-9_-]{2,40}/g) ?? []).filter((t) => !STOP.has(t));
  return words.map((word) => (word.length > 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word));
}

interface Posting {
  doc: number;
  weight: number;
}

/** Built on first use: most answers never need it, and building it for 10,000 entries takes a moment. */
export function buildLexicalIndex(incidents: readonly Incident[], stored?: () => LexicalData): LexicalIndex {
  // a snapshot's postings are used as they are stored (read on the first query): a lookup needs no conversion
  let postings: LexicalData | undefined;
  const postingsNow = () => {
    postings ??= stored ? stored() : build();
    return postings;
  };
  const build = () => {
    const frequencies = incidents.map((incident) => {
      const tf = new Map<string, number>();
      let length = 0;
      const add = (text: string, weight: number) => {
        for (const term of tokenize(text)) {
          tf.set(term, (tf.get(term) ?? 0) + weight);
          length += weight;
        }
      };
      add(incident.title, FIELD_WEIGHT.title);
      add(incident.keywords.join('\n'), FIELD_WEIGHT.keywords);
      add(incident.symptoms.join('\n'), FIELD_WEIGHT.symptoms);
      for (const example of incident.examples.match) add(example.text.slice(0, EXAMPLE_CHARS), FIELD_WEIGHT.examples);
      return { tf, length };
    });
    const averageLength = frequencies.reduce((n, f) => n + f.length, 0) / Math.max(1, frequencies.length);
    const lists = new Map<string, Posting[]>();
    frequencies.forEach(({ tf, length }, doc) => {
      const norm = K1 * (1 - B + (B * length) / Math.max(1, averageLength));
      for (const [term, count] of tf) {
        const list = lists.get(term) ?? [];
        list.push({ doc, weight: (count * (K1 + 1)) / (count + norm) });
        lists.set(term, list);
      }
    });
    for (const list of lists.values()) {
      const idf = Math.log(1 + (incidents.length - list.length + 0.5) / (list.length + 0.5));
      for (const posting of list) posting.weight *= idf;
      list.sort((a, b) => b.weight - a.weight || a.doc - b.doc);
      if (list.length > MAX_POSTINGS) list.length = MAX_POSTINGS;
    }
    const terms = [...lists.keys()].sort();
    const total = terms.reduce((n, term) => n + (lists.get(term) as Posting[]).length, 0);
    const data: LexicalData = {
      terms,
      offsets: new Int32Array(terms.length + 1),
      docs: new Int32Array(total),
      weights: new Float64Array(total),
    };
    let at = 0;
    terms.forEach((term, i) => {
      data.offsets[i] = at;
      for (const { doc, weight } of lists.get(term) as Posting[]) {
        data.docs[at] = doc;
        data.weights[at] = weight;
        at++;
      }
    });
    data.offsets[terms.length] = at;
    return data;
  };
  let scratch: Float64Array | undefined;
  return {
    toData() {
      return postingsNow();
    },
    closest(lines, exclude, limit) {
      if (limit <= 0) return [];
      // The error lines lead the query; the paste's other lines (the command, a describe block's
      // fields, "Checking for stuck namespaces") follow them, but only when there is an error line:
      // healthy output or a question alone keeps an empty list rather than a list of noise.
      const query: string[] = [];
      const rest: string[] = [];
      for (const line of lines) {
        if (query.length >= MAX_QUERY_LINES) break;
        if (ERROR_LINE.test(line)) query.push(line);
        else if (rest.length < MAX_QUERY_LINES) rest.push(line);
      }
      if (query.length > 0) query.push(...rest);
      // the first MAX_QUERY_TERMS distinct tokens, in the order the lines give them
      const unique = new Set<string>();
      for (const line of query) {
        if (unique.size >= MAX_QUERY_TERMS) break;
        for (const token of tokenize(line)) {
          if (unique.size >= MAX_QUERY_TERMS) break;
          unique.add(token);
        }
      }
      const terms = [...unique];
      if (terms.length === 0) return [];
      const data = postingsNow();
      // Sums per entry in a reused array (every weight is positive, so 0 means untouched, and it is
      // zeroed again below): a query of 40 terms adds up to 2,560 postings, where a Map cost more
      // than the rest of the ranking.
      scratch ??= new Float64Array(incidents.length);
      const sums = scratch;
      const touched: number[] = [];
      for (const term of terms) {
        const at = termAt(data.terms, term);
        if (at < 0) continue;
        for (let i = data.offsets[at] as number; i < (data.offsets[at + 1] as number); i++) {
          const doc = data.docs[i] as number;
          if (sums[doc] === 0) touched.push(doc);
          sums[doc] = (sums[doc] as number) + (data.weights[i] as number);
        }
      }
      let top = touched.length === 0 ? 0 : Number.NEGATIVE_INFINITY;
      for (const doc of touched) if ((sums[doc] as number) > top) top = sums[doc] as number;
      // only entries at or above the floor can be named: sort those, not every entry a term touched
      const floor = top * MIN_RELATIVE_SCORE;
      const ranked = touched
        .filter((doc) => (sums[doc] as number) >= floor)
        .sort((a, b) => (sums[b] as number) - (sums[a] as number) || a - b);
      const ids: string[] = [];
      for (const doc of ranked) {
        if (ids.length >= limit) break;
        const id = (incidents[doc] as Incident).id;
        if (!exclude.has(id)) ids.push(id);
      }
      for (const doc of touched) sums[doc] = 0;
      return ids;
    },
  };
}
