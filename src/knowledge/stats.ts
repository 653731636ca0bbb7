import { MIN_MATCH_EXAMPLES, MIN_NO_MATCH_EXAMPLES } from './lint.js';
import type { Incident } from './schema.js';

export interface KnowledgeStats {
  incidents: number;
  signatures: number;
  examples: { match: number; noMatch: number };
  byCategory: Record<string, number>;
  bySeverity: Record<string, number>;
  byComponent: Record<string, number>;
  byPlatform: Record<string, number>;
  withoutEvidence: string[];
  /** entries with an executable cluster verification */
  withVerification: number;
  /** of those, the ones that can reach a verdict (at least one required check); the rest only show evidence */
  withDecidingVerification: number;
  /** entries whose verification reads live text (live-logs, live-events) */
  withLiveEvidence: number;
  /** entries without one that say why none can exist (evidenceNote), and those that do not */
  withoutVerificationExplained: string[];
  /** entries with no executable cluster verification (declared evidence only, or none) */
  withoutVerification: string[];
  tooFewExamples: string[];
  /** entries whose shortfall is explained in the entry (exampleGap) */
  documentedGaps: string[];
  /** every entry below the example minimum, with its counts and the entry's reason (exampleGap), if any */
  belowExampleMinimum: { id: string; match: number; noMatch: number; reason?: string }[];
}

/** The checks that match an entry's own signatures in live text (src/checks/live-*.ts). */
const LIVE_CHECKS = new Set(['live-logs', 'live-events']);

function countBy(incidents: Incident[], keys: (i: Incident) => string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const incident of incidents) for (const key of keys(incident)) counts[key] = (counts[key] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

export function knowledgeStats(incidents: Incident[]): KnowledgeStats {
  const below = incidents.filter((i) => i.examples.match.length < MIN_MATCH_EXAMPLES || i.examples.noMatch.length < MIN_NO_MATCH_EXAMPLES);
  return {
    incidents: incidents.length,
    signatures: incidents.reduce((n, i) => n + i.signatures.length, 0),
    examples: {
      match: incidents.reduce((n, i) => n + i.examples.match.length, 0),
      noMatch: incidents.reduce((n, i) => n + i.examples.noMatch.length, 0),
    },
    byCategory: countBy(incidents, (i) => [i.category]),
    bySeverity: countBy(incidents, (i) => [i.severity]),
    byComponent: countBy(incidents, (i) => i.components),
    byPlatform: countBy(incidents, (i) => i.platforms),
    withoutEvidence: incidents.filter((i) => i.evidence.length === 0).map((i) => i.id),
    withVerification: incidents.filter((i) => i.verification).length,
    withDecidingVerification: incidents.filter((i) => i.verification?.checks.some((c) => c.role === 'required')).length,
    withLiveEvidence: incidents.filter((i) => i.verification?.checks.some((c) => LIVE_CHECKS.has(c.check))).length,
    withoutVerificationExplained: incidents.filter((i) => !i.verification && i.evidenceNote).map((i) => i.id),
    withoutVerification: incidents.filter((i) => !i.verification).map((i) => i.id),
    tooFewExamples: below.map((i) => i.id),
    documentedGaps: incidents.filter((i) => i.exampleGap).map((i) => i.id),
    belowExampleMinimum: below.map((i) => ({
      id: i.id,
      match: i.examples.match.length,
      noMatch: i.examples.noMatch.length,
      ...(i.exampleGap ? { reason: i.exampleGap } : {}),
    })),
  };
}
