import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shippedKnowledge } from '../helpers/kb.js';

// npm run eval reports accuracy per catalogue tier by the incident a case expects; an entry missing from
// eval/tiers.json would be counted under "no tier" and silently leave its tier's figure.
describe('eval/tiers.json', () => {
  const tiers = JSON.parse(readFileSync('eval/tiers.json', 'utf8')) as Record<string, unknown>;
  const listed = Object.values(tiers).filter(Array.isArray).flat() as string[];

  it('names every bundled incident exactly once', async () => {
    const ids = (await shippedKnowledge()).incidents.map((i) => i.id).sort();
    expect(
      ids.filter((id) => !listed.includes(id)),
      'bundled ids without a tier',
    ).toEqual([]);
    expect(
      listed.filter((id, i) => listed.indexOf(id) !== i),
      'ids listed twice',
    ).toEqual([]);
  });
});
