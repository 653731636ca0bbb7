/**
 * npm run fuzz [-- RUNS]: the fuzz properties of test/fuzz at length, with a fresh seed each run
 * (printed, so a failure can be replayed). Default 2,000 cases per property.
 */
import fc from 'fast-check';
import { BUNDLED_KNOWLEDGE_DIR } from '../src/knowledge/default-dir.js';
import { loadCatalog } from '../src/triage/catalog.js';
import { secretsNeverEchoed, signaturesStayLinear, totalAndBounded } from '../test/fuzz/properties.js';

const runs = Number(process.argv[2] ?? 2000);
const seed = Date.now() % 2 ** 31;
const kb = await loadCatalog(BUNDLED_KNOWLEDGE_DIR);
let failed = false;
for (const [name, property] of [
  ['total, bounded, within Block Kit limits', totalAndBounded(kb)],
  ['no planted secret echoed', secretsNeverEchoed(kb)],
  ['knowledge regexes stay linear', signaturesStayLinear(kb)],
] as const) {
  const started = performance.now();
  const result = fc.check(property as fc.IProperty<unknown[]>, { seed, numRuns: runs });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.failed) {
    failed = true;
    console.log(`FAIL ${name}: after ${result.numRuns} cases (seed ${seed}): ${JSON.stringify(result.counterexample)?.slice(0, 500)}`);
  } else {
    console.log(`ok   ${name}: ${result.numRuns} cases in ${seconds} s (seed ${seed})`);
  }
}
process.exitCode = failed ? 1 : 0;
