import { describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../src/activity/activity-log.js';
import { summarizeActivity } from '../../src/activity/summary.js';

const vote = (
  user: string | undefined,
  outcome: 'helpful' | 'not-this',
  paste = 'p1',
  incident = 'kops-sa-issuer-change',
): ActivityRecord => ({
  type: 'feedback',
  at: '2026-12-01T09:00:00Z',
  channel: 'C1',
  incident,
  paste,
  outcome,
  ...(user ? { user } : {}),
});

describe('feedback counts once per person per answer', () => {
  it('the same person voting 👍 twice and 👎 once on one answer is one 👎 (the last click wins)', () => {
    const summary = summarizeActivity([vote('U1', 'helpful'), vote('U1', 'helpful'), vote('U1', 'not-this')]);
    expect(summary.byIncident).toEqual([{ incident: 'kops-sa-issuer-change', hits: 0, helpful: 0, notThis: 1 }]);
  });

  it('different people, and the same person on different answers, each count', () => {
    const summary = summarizeActivity([vote('U1', 'helpful'), vote('U2', 'helpful'), vote('U1', 'helpful', 'p2'), vote('U3', 'not-this')]);
    expect(summary.byIncident[0]).toMatchObject({ helpful: 3, notThis: 1 });
  });

  it('records from before users were recorded count one each', () => {
    expect(summarizeActivity([vote(undefined, 'helpful'), vote(undefined, 'helpful')]).byIncident[0]?.helpful).toBe(2);
  });
});

describe('corrections after "Not this"', () => {
  it('are counted per answer and what it really was, one per person', () => {
    const corrected = (user: string, correction: string): ActivityRecord => ({ ...vote(user, 'not-this'), correction }) as ActivityRecord;
    const summary = summarizeActivity([
      vote('U1', 'not-this'),
      corrected('U1', 'bound-sa-token-stale-client'),
      corrected('U2', 'bound-sa-token-stale-client'),
      corrected('U3', 'new'),
    ]);
    expect(summary.corrections).toEqual([
      { incident: 'kops-sa-issuer-change', was: 'bound-sa-token-stale-client', count: 2 },
      { incident: 'kops-sa-issuer-change', was: 'new', count: 1 },
    ]);
  });
});
