import fc from 'fast-check';
import { describe, it } from 'vitest';
import { shippedKnowledge } from '../helpers/kb.js';
import { secretsNeverEchoed, signaturesStayLinear, totalAndBounded } from './properties.js';

// Fixed seed: the same cases every CI run. `npm run fuzz` runs the same properties at length.
const OPTIONS = { seed: 20261122, numRuns: 150 };

describe('fuzzing the matcher and renderers (fixed seed)', () => {
  it('never throws, answers within the budget, renders within Block Kit limits, never pings', async () => {
    fc.assert(totalAndBounded(await shippedKnowledge()), OPTIONS);
  });

  it('never echoes a planted token, JWT, AWS key, Slack token or certificate', async () => {
    fc.assert(secretsNeverEchoed(await shippedKnowledge()), OPTIONS);
  });

  it('every knowledge regex stays fast on generated near-matches', async () => {
    fc.assert(signaturesStayLinear(await shippedKnowledge()), { ...OPTIONS, numRuns: 100 });
  });
});
