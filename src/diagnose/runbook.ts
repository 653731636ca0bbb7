import { createRequire } from 'node:module';
import type Fuse from 'fuse.js';
import type { IFuseOptions } from 'fuse.js';
import type { Incident } from '../knowledge/schema.js';
import { redactSecrets } from '../redact.js';

export interface RunbookHit {
  incident: Incident;
  /** 1 is a perfect match, 0 none (fuse.js reports the opposite) */
  score: number;
}

export interface RunbookResult {
  query: string;
  best?: RunbookHit;
  alternatives: RunbookHit[];
  /** below the relevance floor: the nearest entries, offered as "closest", never as the answer */
  closest?: RunbookHit[];
}

/**
 * Under this, or with no query word found as written in the entry, a hit is fuzzy noise
 * ("pizza" → Multus at 0.17, "lunch order" → CoreDNS at 0.26); real queries, typos included,
 * score 0.66 and up ("corends forwarding lop" 0.67).
 */
export const RUNBOOK_FLOOR = 0.5;

/** What a person types to ask how the command works, not to look a runbook up. */
const HELP_WORDS = new Set(['help', 'usage', '?', '-h', '--help']);

export function isHelpQuery(query: string): boolean {
  return HELP_WORDS.has(query.trim().toLowerCase());
}

/** The words of an entry that a query word must appear in, verbatim, for the hit to count. */
function searchable(incident: Incident): string {
  return [incident.id, incident.title, ...incident.keywords, ...incident.components, ...incident.platforms, ...incident.symptoms]
    .join(' ')
    .toLowerCase();
}

const FUSE_OPTIONS: IFuseOptions<Incident> = {
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.4,
  minMatchCharLength: 2,
  keys: [
    { name: 'id', weight: 3 },
    { name: 'title', weight: 2 },
    { name: 'keywords', weight: 2 },
    { name: 'components', weight: 1.5 },
    { name: 'platforms', weight: 1.5 },
    { name: 'symptoms', weight: 1 },
  ],
};

export type RunbookIndex = Fuse<Incident>;

/**
 * Loaded synchronously on the first runbook search (fuse.js ships a CommonJS build): a diagnosis
 * never searches runbooks, so a paste-only run does not pay for compiling it.
 */
export function buildRunbookIndex(incidents: Incident[]): RunbookIndex {
  const FuseClass = createRequire(import.meta.url)('fuse.js') as typeof Fuse;
  return new FuseClass(incidents, FUSE_OPTIONS);
}

/**
 * Typo-tolerant lookup over ids, titles, keywords and components. Each word is searched on its
 * own and the results merged, so "calico unauthorised tokn" finds the entry that covers most words.
 */
export function findRunbook(raw: string, kb: { runbook: RunbookIndex }, limit = 4): RunbookResult {
  // the query is echoed back ("No runbook matches …"): a pasted token must not be
  const query = redactSecrets(raw).text;
  const words = query
    .toLowerCase()
    .split(/[^a-z0-9.-]+/)
    .filter((w) => w.length >= 2)
    .slice(0, 12);
  if (words.length === 0) return { query, alternatives: [] };
  const totals = new Map<string, { incident: Incident; sum: number }>();
  const searches = [query.trim(), ...(words.length > 1 ? words : [])];
  for (const term of searches) {
    for (const result of kb.runbook.search(term, { limit: 25 })) {
      const entry = totals.get(result.item.id) ?? { incident: result.item, sum: 0 };
      entry.sum += 1 - (result.score ?? 1);
      totals.set(result.item.id, entry);
    }
  }
  const namesWord = (incident: Incident) => (words.some((w) => w.length >= 3 && incident.id.includes(w)) ? 1 : 0);
  const ranked = [...totals.values()]
    .map(({ incident, sum }) => ({ incident, score: Math.round((sum / searches.length) * 100) / 100 }))
    // on a tie, the entry whose id names a query word ("helm" → the helm entries, not one that mentions Helm)
    .sort((a, b) => b.score - a.score || namesWord(b.incident) - namesWord(a.incident) || a.incident.id.localeCompare(b.incident.id))
    .slice(0, limit);
  const relevant = (hit: RunbookHit) => {
    if (hit.score < RUNBOOK_FLOOR) return false;
    const text = searchable(hit.incident);
    return words.some((w) => w.length >= 3 && text.includes(w));
  };
  const [best, ...alternatives] = ranked;
  if (best && !relevant(best)) return { query, alternatives: [], closest: ranked.slice(0, 3) };
  return best ? { query, best, alternatives: alternatives.filter(relevant) } : { query, alternatives: [] };
}
