import type { ActivityRecord } from './activity-log.js';

export interface IncidentActivity {
  incident: string;
  hits: number;
  helpful: number;
  notThis: number;
}

export interface ActivitySummary {
  diagnoses: number;
  matches: number;
  byIncident: IncidentActivity[];
  /** the pastes nobody's knowledge covered, most frequent first */
  unmatched: Array<{ paste: string; count: number; sample: string }>;
  /** after "Not this": what the answer was and what people said it really was ("new": none known) */
  corrections: Array<{ incident: string; was: string; count: number }>;
}

export function summarizeActivity(records: ActivityRecord[], topUnmatched = 10): ActivitySummary {
  const byIncident = new Map<string, IncidentActivity>();
  const entry = (incident: string) => {
    let e = byIncident.get(incident);
    if (!e) {
      e = { incident, hits: 0, helpful: 0, notThis: 0 };
      byIncident.set(incident, e);
    }
    return e;
  };
  const unmatched = new Map<string, { paste: string; count: number; sample: string }>();
  let diagnoses = 0;
  let matches = 0;
  // one vote per person per answer: a later click replaces an earlier one (👍 then 👎 counts 👎 once)
  const votes = new Map<string, { incident: string; outcome: 'helpful' | 'not-this'; correction?: string }>();
  records.forEach((r, i) => {
    if (r.type === 'feedback') votes.set(`${r.user ?? `unknown-${i}`}\u0000${r.paste}\u0000${r.incident}`, r);
  });
  const corrections = new Map<string, { incident: string; was: string; count: number }>();
  for (const vote of votes.values()) {
    const was = vote.correction;
    if (was) {
      const key = `${vote.incident} ${was}`;
      const c = corrections.get(key) ?? { incident: vote.incident, was, count: 0 };
      c.count++;
      corrections.set(key, c);
    }
    if (vote.outcome === 'helpful') entry(vote.incident).helpful++;
    else entry(vote.incident).notThis++;
  }
  for (const r of records) {
    if (r.type === 'diagnosis') {
      diagnoses++;
      if (r.verdict === 'match' && r.incident) {
        matches++;
        entry(r.incident).hits++;
      } else {
        const u = unmatched.get(r.paste) ?? { paste: r.paste, count: 0, sample: r.sample };
        u.count++;
        unmatched.set(r.paste, u);
      }
    }
  }
  return {
    diagnoses,
    matches,
    byIncident: [...byIncident.values()].sort((a, b) => b.hits - a.hits || a.incident.localeCompare(b.incident)),
    unmatched: [...unmatched.values()].sort((a, b) => b.count - a.count).slice(0, topUnmatched),
    corrections: [...corrections.values()].sort((a, b) => b.count - a.count || a.incident.localeCompare(b.incident)),
  };
}
