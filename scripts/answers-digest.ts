/**
 * npm run -s answers [-- OUT.jsonl]: what the matcher answers, as one digest per input family,
 * so a speed change can be shown to change no answer. Every knowledge example and eval case in
 * each paste form, the bench pastes, fixed-seed fuzz pastes (with planted secrets), and each of
 * those normalised and redacted on its own. Run it before and after a change and compare; with
 * OUT, every answer is written a line each, for a diff that names the input.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { logOf, PASTES } from '../bench/pastes.js';
import { diagnose } from '../src/diagnose/diagnose.js';
import { normalizePaste } from '../src/diagnose/normalize.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../src/knowledge/default-dir.js';
import { redactSecrets } from '../src/redact.js';
import { loadCatalog } from '../src/triage/catalog.js';
import { SECRET_SHAPES } from '../test/fixtures/secrets.js';
import { pasteArbitrary } from '../test/fuzz/properties.js';
import { inForm, PASTE_FORMS } from '../test/helpers/paste-forms.js';

const FUZZ_SEED = 20261201;
const FUZZ_RUNS = 3000;

const kb = await loadCatalog(BUNDLED_KNOWLEDGE_DIR);
const families: Record<string, string[]> = { examples: [], eval: [], bench: [], fuzz: [] };
for (const incident of kb.incidents) {
  for (const example of [...incident.examples.match, ...incident.examples.noMatch])
    for (const form of PASTE_FORMS) families.examples?.push(inForm(example.text, form));
}
for (const line of readFileSync(new URL('../eval/dev-cases.jsonl', import.meta.url), 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const text = (JSON.parse(line) as { text: string }).text;
  for (const form of PASTE_FORMS) families.eval?.push(inForm(text, form));
}
families.bench?.push(...Object.values(PASTES), logOf(400 * 1024));
const pastes = fc.sample(pasteArbitrary(kb), { seed: FUZZ_SEED, numRuns: FUZZ_RUNS });
pastes.forEach((paste, i) => {
  const secret = (SECRET_SHAPES[i % SECRET_SHAPES.length] as { line: string }).line;
  const at = (i * 7919) % (paste.length + 1);
  families.fuzz?.push(paste, `${paste.slice(0, at)}${secret}${paste.slice(at)}`);
});

const out = process.argv[2];
const lines: string[] = [];
for (const [family, inputs] of Object.entries(families)) {
  const hash = createHash('sha256');
  for (const text of inputs) {
    const answer = JSON.stringify({
      diagnosis: diagnose(text, kb, { budgetMs: 60_000 }),
      normalized: normalizePaste(text),
      redacted: redactSecrets(text),
    });
    hash.update(answer).update('\n');
    if (out) lines.push(answer);
  }
  console.log(`${family.padEnd(9)} ${String(inputs.length).padStart(6)} inputs  ${hash.digest('hex').slice(0, 16)}`);
}
if (out) writeFileSync(out, `${lines.join('\n')}\n`);
