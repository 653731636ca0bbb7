import { diagnose, isMatch } from './diagnose.js';
import type { MatcherSnapshot } from './matcher.js';
import type { EvidenceLine } from './types.js';

/**
 * The evidence by which live text (a container log, an event row) shows one incident, or none:
 * the matcher's own verdict on that text, so `requires`, `excludes` and the strength rules hold
 * exactly as for a paste. Redaction runs first, as for every paste, so the lines are safe to show.
 */
export function recogniseIncident(text: string, kb: MatcherSnapshot, incidentId: string): EvidenceLine[] {
  const match = diagnose(text, kb, { runnerUps: 8, neighbours: false }).matches.find((m) => m.id === incidentId);
  // what would be a match on its own, by the matcher's own rule
  return match?.basis === 'signature' && isMatch(match) ? match.evidence : [];
}
