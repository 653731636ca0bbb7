import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { redosVerdicts, writeVerdictFile } from '../../src/knowledge/redos-verdicts.js';
import { memoryIo } from '../helpers/io.js';
import { incidentData, knowledgeDir } from '../helpers/kb.js';

const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kubetriage-redos-'));
  temporary.push(dir);
  return dir;
}

const SAFE = 'failed to create etcd client for external etcd: open \\S+\\.pem';
const UNSAFE = '(\\w+\\s?)+x';

describe('ReDoS verdicts (a memory-bounded worker, cached per pattern)', () => {
  it('gives the same verdicts as the in-process analysis', async () => {
    const verdict = await redosVerdicts([SAFE, UNSAFE, '(a)\\1']);
    expect(verdict(SAFE)).toBeUndefined();
    expect(verdict(UNSAFE)).toMatch(/backtrack catastrophically/);
    expect(verdict('(a)\\1')).toMatch(/not allowed/);
  });

  it('analyses a pattern once: the second run reads the cache, and an edited pattern is analysed again', async () => {
    const cacheDir = await folder();
    const analysed: number[] = [];
    await redosVerdicts([SAFE, UNSAFE], { cacheDir, onAnalysed: (done) => analysed.push(done) });
    expect(analysed).toEqual([1, 2]);
    analysed.length = 0;
    const again = await redosVerdicts([SAFE, UNSAFE], { cacheDir, onAnalysed: (done) => analysed.push(done) });
    expect(analysed).toEqual([]);
    expect(again(UNSAFE)).toMatch(/backtrack/);
    await redosVerdicts([SAFE, `${SAFE} now`], { cacheDir, onAnalysed: (done) => analysed.push(done) });
    expect(analysed).toEqual([1]);
  });

  it('stores each verdict in the cache file, and ignores a damaged cache file', async () => {
    const cacheDir = await folder();
    await redosVerdicts([UNSAFE], { cacheDir });
    const file = join(cacheDir, 'redos-verdicts.json');
    expect(Object.values(JSON.parse(await readFile(file, 'utf8')))).toEqual([expect.stringMatching(/backtrack/)]);
    await writeFile(file, '{ not json');
    expect((await redosVerdicts([UNSAFE], { cacheDir }))(UNSAFE)).toMatch(/backtrack/);
  });

  it("reads a build's verdict file by key: its patterns are not analysed again, an edited one is", async () => {
    const dir = await folder();
    const file = join(dir, 'bundled-verdicts.json');
    await writeVerdictFile(file, [SAFE, UNSAFE, '(a)\\1']);
    // the forbidden construct is refused by the syntax screen, never stored as a verdict
    expect(Object.values(JSON.parse(await readFile(file, 'utf8')))).toEqual(
      expect.arrayContaining([null, expect.stringMatching(/backtrack/)]),
    );
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8')))).toHaveLength(2);
    const analysed: string[] = [];
    const cacheDir = await folder();
    const verdict = await redosVerdicts([SAFE, UNSAFE, `${UNSAFE}y`], {
      cacheDir,
      seedFiles: [file, join(dir, 'missing.json')],
      onAnalysed: (done, total) => analysed.push(`${done}/${total}`),
    });
    expect(analysed).toEqual(['1/1']);
    expect(verdict(SAFE)).toBeUndefined();
    expect(verdict(UNSAFE)).toMatch(/backtrack/);
    expect(verdict(`${UNSAFE}y`)).toMatch(/backtrack/);
    // the seed's verdicts are not copied into the cache: only what this run analysed is
    expect(Object.keys(JSON.parse(await readFile(join(cacheDir, 'redos-verdicts.json'), 'utf8')))).toHaveLength(1);
  });

  it("takes a verdict from a file only under its pattern's key", async () => {
    const dir = await folder();
    const file = join(dir, 'bundled-verdicts.json');
    await writeVerdictFile(file, [SAFE]);
    // a verdict file whose "safe" verdict was stored for another pattern must not clear this one
    const [key] = Object.keys(JSON.parse(await readFile(file, 'utf8')));
    await writeFile(file, JSON.stringify({ [key as string]: null, [UNSAFE]: null }));
    expect((await redosVerdicts([UNSAFE], { seedFiles: [file] }))(UNSAFE)).toMatch(/backtrack/);
  });

  it('goes on after a pattern whose analysis exhausts the worker heap (the worker is replaced)', async () => {
    // in a 16 MB heap this doubly nested repeat's analysis runs out of memory (it needs more than
    // 24 MB); an exhausted analysis is reported like a proven blow-up, and the next pattern still
    // gets a verdict (a dead worker left in place would never answer it). The heap leaves room for
    // the safe patterns: at 8 MB a fresh Node 24 worker sometimes ran out on them too.
    const HUNGRY = '((\\w+\\s?)+)+x';
    const verdict = await redosVerdicts([HUNGRY, SAFE, HUNGRY.replace('x', 'y'), SAFE.replace('pem', 'crt')], { workerHeapMb: 16 });
    expect(verdict(HUNGRY)).toMatch(/backtrack catastrophically \(the analysis needs more than 16 MB\)/);
    expect(verdict(HUNGRY.replace('x', 'y'))).toMatch(/needs more than 16 MB/);
    expect(verdict(SAFE)).toBeUndefined();
    expect(verdict(SAFE.replace('pem', 'crt'))).toBeUndefined();
  }, 60_000);

  it("keeps the detector's weak references from holding its memory: the nested repeat is judged in 64 MB", async () => {
    // with real WeakRefs every fork the analysis makes stays alive until it returns, and this
    // analysis outgrew even a 128 MB heap; with the worker's strong stand-ins it needs under
    // 16 MB and gets the detector's own verdict
    const verdict = await redosVerdicts([UNSAFE], { workerHeapMb: 64 });
    expect(verdict(UNSAFE)).toMatch(/backtrack catastrophically \(hitMaxScore\)/);
  }, 60_000);
});

describe('kubetriage kb lint', () => {
  it('reports an unsafe signature through the worker, naming file and field', async () => {
    const dir = await knowledgeDir({
      // overlapping repeats the load-time shape screen lets through; only the full analysis refuses them
      'alpha-one.yaml': incidentData('alpha-one', {
        signatures: [{ id: 'main', pattern: 'alpha-one [a-z]*[a-z0-9]*x', strength: 'decisive' }],
      }),
    });
    temporary.push(dir);
    const io = memoryIo('');
    expect(await runCli(['kb', 'lint', '--kb-base', dir], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/alpha-one\.yaml: signatures\.0\.pattern: regex may backtrack catastrophically/);
  });

  it('--no-cache analyses again what the cache says is safe', async () => {
    const dir = await knowledgeDir({
      'alpha-one.yaml': incidentData('alpha-one', {
        signatures: [{ id: 'main', pattern: 'alpha-one [a-z]*[a-z0-9]*x', strength: 'decisive' }],
      }),
    });
    temporary.push(dir);
    const cacheDir = await folder();
    const env = { KUBETRIAGE_CACHE_DIR: cacheDir };
    const lint = async (...flags: string[]) => {
      const io = memoryIo('');
      await runCli(['kb', 'lint', ...flags, '--kb-base', dir], io, env);
      return io.stderr.join('\n');
    };
    expect(await lint()).toMatch(/backtrack catastrophically/);
    // a cache that lies (every stored verdict made "safe") is believed without --no-cache, and not with it
    const file = join(cacheDir, 'redos-verdicts.json');
    const cached = JSON.parse(await readFile(file, 'utf8')) as Record<string, string | null>;
    await writeFile(file, JSON.stringify(Object.fromEntries(Object.keys(cached).map((k) => [k, null]))));
    expect(await lint()).not.toMatch(/backtrack/);
    expect(await lint('--no-cache')).toMatch(/backtrack catastrophically/);
  });
});
