import { diagnose } from './diagnose.js';
import type { MatcherSnapshot } from './matcher.js';
import { MATCH_THRESHOLD } from './score.js';
import type { EvidenceLine } from './types.js';

/**
 * The evidence by which live text (a container log, an event row) shows one incident, or none:
 * the matcher's own verdict on that text, so `requires`, `excludes` and the strength rules hold
 * exactly as for a paste. Redaction runs first, as for every paste, so the lines are safe to show.
 */
export function recogniseIncident(text: string, kb: MatcherSnapshot, incidentId: string): EvidenceLine[] {
  const match = diagnose(text, kb, { runnerUps: 8 }).matches.find((m) => m.id === incidentId);
  // what would be a match on its own: enough score, and evidence that is not only supporting
  if (match?.basis !== 'signature' || match.score < MATCH_THRESHOLD) return [];
  if (!match.evidence.some((e) => e.strength !== 'supporting')) return [];
  return match.evidence;
}
