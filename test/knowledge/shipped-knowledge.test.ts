import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExamples } from '../../src/diagnose/examples.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.js';
import { lintIncidents, signaturePatterns } from '../../src/knowledge/lint.js';
import { readIncidentFiles } from '../../src/knowledge/load.js';
import { redosVerdicts } from '../../src/knowledge/redos-verdicts.js';
import { cacheFolder } from '../../src/triage/knowledge-snapshot.js';
import { shippedKnowledge } from '../helpers/kb.js';

describe('the shipped knowledge base', () => {
  // lint runs redos-detector on every pattern as kb lint does (in the memory-bounded worker) and
  // shares kb lint's verdict cache: a verdict is a pure function of the detector, its options and the
  // pattern, so CI analyses each pattern once (npm test's kb:lint) rather than once per Node version
  it('loads with the production loader and passes lint', { timeout: 120_000 }, async () => {
    const kb = await shippedKnowledge();
    const { files } = await readIncidentFiles(BUNDLED_KNOWLEDGE_DIR);
    expect(kb.incidents.length).toBe(files.length);
    const cacheDir = cacheFolder(process.env);
    const redos = await redosVerdicts(
      signaturePatterns(files).map((p) => p.pattern),
      cacheDir ? { cacheDir } : {},
    );
    expect(lintIncidents(files, { redos })).toEqual([]);
  });

  it('names every file after its id', async () => {
    const names = (await readdir(join(BUNDLED_KNOWLEDGE_DIR, 'incidents'))).map((n) => n.replace(/\.yaml$/, ''));
    const kb = await shippedKnowledge();
    expect(names.sort()).toEqual(kb.incidents.map((i) => i.id).sort());
  });

  it("passes every entry's examples", async () => {
    const report = runExamples(await shippedKnowledge());
    expect(report.failures).toEqual([]);
    expect(report.checked).toBeGreaterThan(0);
  });
});
