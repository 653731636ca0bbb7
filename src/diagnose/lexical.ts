import MiniSearch from 'minisearch';
import type { Incident } from '../knowledge/schema.js';

/**
 * BM25 over the knowledge base's own words (titles, symptoms, keywords, example texts): it never
 * decides a verdict, it only names the closest entries when the signatures found fewer than the
 * answer lists, so a runner-up list is never empty for an error the knowledge base talks about.
 */
export interface LexicalIndex {
  closest(lines: readonly string[], exclude: ReadonlySet<string>, limit: number): string[];
}

/** Only the lines that look like errors are the query: a 40 KB log of INFO lines says nothing. */
const ERROR_LINE =
  /\b(?:error|fail(?:ed|ure)?|unable|cannot|denied|refused|timeout|timed out|x509|unauthori[sz]ed|forbidden|not ready|notready|fatal|panic|invalid|exceeded|evicted|oomkilled|backoff|pending|not found)\b/i;
const MAX_QUERY_LINES = 20;
const MAX_QUERY_TERMS = 40;
/** A hit below this share of the best possible BM25 score is noise, not "closest". */
const MIN_RELATIVE_SCORE = 0.2;
const EXAMPLE_CHARS = 2000;

/** Words too common in Kubernetes errors to tell entries apart. */
const STOP = new Set(
  'the a an and or of to in on for with from at by is are was be been not no it this that as error failed failure unable cannot kubectl kubernetes pod pods node nodes get http https api v1 io k8s com'.split(
    ' ',
  ),
);

export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z0-9_-]{2,40}/g) ?? []).filter((t) => !STOP.has(t));
}

/** Built on first use: most answers never need it, and building it for 10,000 entries takes a moment. */
export function buildLexicalIndex(incidents: readonly Incident[]): LexicalIndex {
  let search: MiniSearch | undefined;
  const build = () => {
    const index = new MiniSearch({
      fields: ['title', 'symptoms', 'keywords', 'examples'],
      storeFields: [],
      tokenize,
      processTerm: (term) => term,
      searchOptions: { boost: { title: 2, keywords: 2 }, combineWith: 'OR' },
    });
    index.addAll(
      incidents.map((incident) => ({
        id: incident.id,
        title: incident.title,
        symptoms: incident.symptoms.join('\n'),
        keywords: incident.keywords.join('\n'),
        examples: incident.examples.match.map((e) => e.text.slice(0, EXAMPLE_CHARS)).join('\n'),
      })),
    );
    return index;
  };
  return {
    closest(lines, exclude, limit) {
      if (limit <= 0) return [];
      const query: string[] = [];
      for (const line of lines) {
        if (query.length >= MAX_QUERY_LINES) break;
        if (ERROR_LINE.test(line)) query.push(line);
      }
      const terms = [...new Set(query.flatMap(tokenize))].slice(0, MAX_QUERY_TERMS);
      if (terms.length === 0) return [];
      search ??= build();
      const hits = search.search(terms.join(' '));
      const top = hits[0]?.score ?? 0;
      return hits
        .filter((h) => h.score >= top * MIN_RELATIVE_SCORE && !exclude.has(String(h.id)))
        .slice(0, limit)
        .map((h) => String(h.id));
    },
  };
}
