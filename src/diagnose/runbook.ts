import Fuse, { type IFuseOptions } from 'fuse.js';
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

export function buildRunbookIndex(incidents: Incident[]): RunbookIndex {
  return new Fuse(incidents, FUSE_OPTIONS);
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
  const ranked = [...totals.values()]
    .map(({ incident, sum }) => ({ incident, score: Math.round((sum / searches.length) * 100) / 100 }))
    .sort((a, b) => b.score - a.score || a.incident.id.localeCompare(b.incident.id))
    .slice(0, limit);
  const [best, ...alternatives] = ranked;
  return best ? { query, best, alternatives } : { query, alternatives: [] };
}
