import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/diagnose.js';
import type { Incident } from '../../src/knowledge/schema.js';
import { shippedKnowledge } from '../helpers/kb.js';

/**
 * An entry that specializes a generic one shares its symptom and adds a clue. Wherever both fire on
 * the same real paste (a specific entry's own examples), the specific one must be the answer and the
 * generic one no second match; and the generic entry's answer must point to every specific cause
 * (its related list), so that a paste without the clue still leads the reader there.
 */
describe('specific entries and the generic ones they specialize', async () => {
  const kb = await shippedKnowledge();
  const pairs = kb.incidents.flatMap((specific) => specific.specializes.map((generic) => ({ specific, generic })));

  it('exist in both directions: the generic entry lists every entry that specializes it', () => {
    const unlisted = pairs
      .filter(({ specific, generic }) => !(kb.byId.get(generic) as Incident).related.includes(specific.id))
      .map(({ specific, generic }) => `${generic} does not list ${specific.id}`);
    expect(unlisted).toEqual([]);
  });

  it('the specific entry outranks the generic one on every example where both fire', () => {
    const wrong: string[] = [];
    let shared = 0;
    for (const { specific, generic } of pairs) {
      specific.examples.match.forEach((example, i) => {
        const result = diagnose(example.text, kb, { runnerUps: 8 });
        const general = result.matches.find((m) => m.id === generic && m.basis === 'signature');
        if (!general) return;
        shared++;
        if (result.matches[0]?.id !== specific.id) wrong.push(`${specific.id} examples.match[${i}]: ${result.matches[0]?.id} answers`);
        else if (general.matched) wrong.push(`${specific.id} examples.match[${i}]: ${generic} is a second match`);
      });
    }
    expect(wrong).toEqual([]);
    // the pins above bite only where the shared symptom really occurs in an example (31 of 107 entries' pairs did)
    expect(shared).toBeGreaterThan(0);
  });
});
