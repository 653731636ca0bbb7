/**
 * Measures the matcher on real snippets from public threads (eval/dev-cases.jsonl, the project's own copy):
 * top-1 and top-3 accuracy on positives, false-positive rate on `none` cases.
 * Usage: npm run eval [-- path/to/cases.jsonl] [--verbose]
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { diagnose } from '../src/diagnose/diagnose.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../src/knowledge/default-dir.js';
import { loadCatalog } from '../src/triage/catalog.js';

const caseSchema = z.object({
  id: z.string(),
  expect: z.string(),
  accept: z.array(z.string()).optional(),
  text: z.string(),
  kind: z.string().optional(),
});

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const path = resolve(args.find((a) => !a.startsWith('--')) ?? 'eval/dev-cases.jsonl');
const kb = await loadCatalog(process.env.KUBETRIAGE_KNOWLEDGE_DIR ?? BUNDLED_KNOWLEDGE_DIR);
const cases = (await readFile(path, 'utf8'))
  .split('\n')
  .filter((line) => line.trim())
  .map((line, i) => {
    const parsed = caseSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  });

const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`);
/**
 * The catalogue tier of each incident (eval/tiers.json): positives count for the tier of the incident they
 * expect, a false positive for the tier of the incident it wrongly named. A `none` case has no incident, so
 * the false-positive rate of a tier is over all `none` cases: how often that tier's entries answer unrelated text.
 */
const tiers = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]))
  .parse(JSON.parse(await readFile(resolve('eval/tiers.json'), 'utf8')));
const tierOf = new Map<string, string>();
for (const [tier, ids] of Object.entries(tiers)) if (Array.isArray(ids)) for (const id of ids) tierOf.set(id, tier);
const untiered = kb.incidents.filter((i) => !tierOf.has(i.id)).map((i) => i.id);
const tally = new Map<string, { positives: number; top1: number; top3: number; falsePositives: number }>();
const t = (incidentId: string) => {
  const tier = tierOf.get(incidentId) ?? 'no tier (add it to eval/tiers.json)';
  if (!tally.has(tier)) tally.set(tier, { positives: 0, top1: 0, top3: 0, falsePositives: 0 });
  return tally.get(tier) as { positives: number; top1: number; top3: number; falsePositives: number };
};
/** The five incidents the product was specified from: reported one by one, they are the heart of it. */
const SEEDS = [
  'kops-sa-issuer-change',
  'kubespray-external-etcd-cert-path',
  'multus-thin-token-expiry',
  'okd-api-int-ca-rotation',
  'vpc-cni-irsa-annotation-missing',
];
const perSeed = new Map(SEEDS.map((id) => [id, { positives: 0, top1: 0, top3: 0 }]));
let positives = 0;
let top1 = 0;
let top3 = 0;
let negatives = 0;
let falsePositives = 0;
const misses: string[] = [];
const unknown: string[] = [];
for (const c of cases) {
  const result = diagnose(c.text, kb);
  const accepted = new Set([c.expect, ...(c.accept ?? [])]);
  const got = result.matches.map((m) => `${m.id} ${m.score.toFixed(2)}`).join(', ') || '-';
  if (c.expect === 'none') {
    negatives++;
    if (result.verdict === 'match') {
      falsePositives++;
      t(result.matches[0]?.id ?? '').falsePositives++;
      misses.push(`FALSE POSITIVE ${c.id} (${c.kind}): ${result.matches[0]?.id} ${result.matches[0]?.score}`);
    }
    continue;
  }
  positives++;
  t(c.expect).positives++;
  const seed = perSeed.get(c.expect);
  if (seed) seed.positives++;
  if (![...accepted].some((id) => kb.byId.has(id))) unknown.push(`${c.id}: expects ${c.expect} (not in the knowledge base)`);
  const first = result.verdict === 'match' ? result.matches[0]?.id : undefined;
  if (first && accepted.has(first)) {
    top1++;
    t(c.expect).top1++;
    if (seed) seed.top1++;
  } else misses.push(`MISS ${c.id}: expected ${c.expect}, got ${result.verdict} [${got}]`);
  if (result.matches.slice(0, 3).some((m) => accepted.has(m.id))) {
    top3++;
    t(c.expect).top3++;
    if (seed) seed.top3++;
  }
}

console.log(`cases: ${cases.length} (${positives} positive, ${negatives} none) · knowledge: ${kb.incidents.length} incidents`);
console.log(`top-1 accuracy on positives: ${pct(top1, positives)} (${top1}/${positives})`);
console.log(`top-3 accuracy on positives: ${pct(top3, positives)} (${top3}/${positives})`);
console.log(`false positives on none:     ${pct(falsePositives, negatives)} (${falsePositives}/${negatives})`);
console.log('  per tier (positives by the incident they expect; false positives by the incident wrongly named):');
for (const [tier, w] of [...tally].sort()) {
  console.log(
    `    ${tier}: top-1 ${pct(w.top1, w.positives)} (${w.top1}/${w.positives}) · top-3 ${pct(w.top3, w.positives)} · false positives ${pct(w.falsePositives, negatives)} (${w.falsePositives}/${negatives})`,
  );
}
if (untiered.length > 0) console.log(`  incidents without a tier in eval/tiers.json: ${untiered.join(', ')}`);
console.log('  per seed:');
for (const [id, n] of perSeed)
  console.log(`    ${id}: top-1 ${pct(n.top1, n.positives)} (${n.top1}/${n.positives}) · top-3 ${pct(n.top3, n.positives)}`);
if (unknown.length > 0) console.log(`\nexpected incidents not in the knowledge base (${unknown.length}):\n  ${unknown.join('\n  ')}`);
if (misses.length > 0) console.log(`\nmisses (${misses.length}):\n  ${misses.join('\n  ')}`);
if (verbose) console.log(JSON.stringify({ top1, top3, positives, falsePositives, negatives }));
