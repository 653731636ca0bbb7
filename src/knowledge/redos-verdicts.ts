import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { writeCacheFile } from './files.js';
import { anchoredForAnalysis, detectorMessage, forbiddenConstruct, REDOS_OPTIONS } from './lint.js';

/**
 * ReDoS verdicts for `kb lint`, worked out once per pattern. redos-detector needs up to two
 * seconds and a few hundred MB for one long pattern, and the knowledge base has about 900, so
 * the analysis runs in one worker thread whose heap is capped (the lint stays within a bounded
 * footprint whatever a pattern costs; a pattern that needs more than the cap is reported, not
 * waited for), and each verdict is cached under a hash of the detector's version, its options
 * and the pattern: a verdict is a pure function of those, so an unchanged pattern is never
 * analysed twice, and an edited one always is.
 */
/** With the lint's own ~115 MB, this keeps a cold `kb lint` within about 300 MB. */
const WORKER_HEAP_MB = 128;
/**
 * The worker's young generation. The analysis allocates short-lived objects at a high rate, and a
 * young generation of 64 MB rather than 32 took 10-20% off the CPU time of a cold `kb lint` of the
 * real knowledge for about 40 MB more peak RSS (250 MB in all).
 */
const WORKER_YOUNG_MB = 64;
/**
 * Part of every cache key: what the worker does around the detector. Revision 2 (strong stand-ins
 * for the weak references, below) gives the same verdicts, except that an analysis which used to
 * outgrow the heap now fits and gets the detector's own verdict, so earlier "needs more than N MB"
 * entries must not be reused.
 */
const WORKER_REVISION = 2;
const CACHE_FILE = 'redos-verdicts.json';
/**
 * The bundled knowledge's verdicts, worked out by `npm run build` (scripts/postbuild.mjs) and
 * shipped in dist/, so that `kb lint` of an installed kubetriage, of the image, or of a fresh CI
 * checkout analyses only the patterns a team added or edited: a cold analysis of the real knowledge
 * takes 8-12 s (issue #18). It is read like the cache, by key, so a pattern edited after the build,
 * or another detector version, is analysed again. The path is the package's dist/ from both
 * src/knowledge/ and dist/ (one level under dist/, as the CLI's chunks are), so a run from source
 * (npm test, tsx) reads the last build's verdicts too.
 */
export const BUNDLED_VERDICTS_FILE = join(fileURLToPath(new URL('../..', import.meta.url)), 'dist', CACHE_FILE);

const require = createRequire(import.meta.url);
const DETECTOR_PATH = require.resolve('redos-detector');
const DETECTOR_VERSION = (require('redos-detector/package.json') as { version: string }).version;

/**
 * The worker: CommonJS source, so it runs the same from dist/ and from the TypeScript sources under test.
 *
 * Before loading redos-detector it swaps WeakRef and FinalizationRegistry, in this worker only, for
 * a plain reference and a registry that never calls back. redos-detector makes a WeakRef and a
 * registration for every fork of its path readers (hundreds of thousands for one long pattern), but
 * isSafePattern is synchronous, and within one synchronous run of JavaScript the language keeps
 * every WeakRef's target alive (the constructor and deref() add it to the kept objects, cleared
 * only when the job ends) and never runs a registry's cleanup callback (that is a job of its own).
 * So during an analysis deref() always returns the target and no callback runs, exactly as with
 * the stand-ins, and the verdict cannot differ; after it, everything the analysis built is garbage
 * either way. What the stand-ins save is the collector's work on the weak cells and the kept-objects
 * set: on the real knowledge, a quarter of a cold `kb lint`'s CPU time and 55 MB of its peak RSS
 * (the analysis alone: 45% of its CPU time), with the same safe, error, score and trail count for
 * every pattern (measured with and without).
 */
const WORKER_SOURCE = `
globalThis.WeakRef = class { #target; constructor(target) { this.#target = target; } deref() { return this.#target; } };
globalThis.FinalizationRegistry = class { register() {} unregister() { return false; } };
const { parentPort, workerData } = require('node:worker_threads');
const { isSafePattern } = require(workerData.detector);
parentPort.on('message', (pattern) => {
  const result = isSafePattern(pattern, workerData.options);
  parentPort.postMessage({ safe: result.safe, error: result.error ?? null });
});`;

type Verdict = string | null;

export interface RedosVerdictOptions {
  /** where verdicts are kept between runs; without it every run analyses every pattern */
  cacheDir?: string;
  /** verdict files only read (the build's, BUNDLED_VERDICTS_FILE); a missing one is skipped */
  seedFiles?: readonly string[];
  /** called after each analysed pattern (progress on a terminal) */
  onAnalysed?: (done: number, total: number) => void;
  /** the worker's heap cap (tests use small ones); 128 MB unless given */
  workerHeapMb?: number;
}

function keyOf(pattern: string, heapMb: number): string {
  return (
    createHash('sha256')
      // the heap caps too: "needs more than N MB" is a verdict about N
      .update(
        `redos-detector ${DETECTOR_VERSION}\n${JSON.stringify(REDOS_OPTIONS)}\n${heapMb} MB + ${WORKER_YOUNG_MB} MB young\nworker ${WORKER_REVISION}\n${pattern}`,
      )
      .digest('hex')
  );
}

function readVerdictFile(file: string | undefined): Record<string, Verdict> {
  if (!file) return {};
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, Verdict>) : {};
  } catch {
    return {};
  }
}

/** One worker at a time, recreated after a pattern exhausted its heap. */
class Analyser {
  private worker: Worker | undefined;

  constructor(private readonly heapMb: number) {}

  async analyse(pattern: string): Promise<Verdict> {
    this.worker ??= new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { detector: DETECTOR_PATH, options: REDOS_OPTIONS },
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    const worker = this.worker;
    return new Promise<Verdict>((resolve, reject) => {
      const done = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      const onMessage = (result: { safe: boolean; error: string | null }) => {
        done();
        resolve(detectorMessage(result) ?? null);
      };
      const onError = (error: Error & { code?: string }) => {
        done();
        this.worker = undefined;
        // an analysis that explodes is the same finding as one that proves the blow-up: rewrite the pattern
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY')
          resolve(detectorMessage({ safe: false, error: `the analysis needs more than ${this.heapMb} MB` }) ?? null);
        else reject(error);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(anchoredForAnalysis(pattern));
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

/**
 * Verdicts for every pattern (cached ones read, the rest analysed), as the lookup lintIncidents
 * takes. Patterns are analysed shortest first, duplicates once.
 */
export async function redosVerdicts(
  patterns: readonly string[],
  options: RedosVerdictOptions = {},
): Promise<(pattern: string) => string | undefined> {
  const heapMb = options.workerHeapMb ?? WORKER_HEAP_MB;
  const cached = readVerdictFile(options.cacheDir && join(options.cacheDir, CACHE_FILE));
  const seeds = (options.seedFiles ?? []).map(readVerdictFile);
  const verdicts = new Map<string, Verdict>();
  const missing: string[] = [];
  for (const pattern of new Set(patterns)) {
    const forbidden = forbiddenConstruct(pattern);
    const key = keyOf(pattern, heapMb);
    const known = [cached, ...seeds].find((file) => Object.hasOwn(file, key));
    if (forbidden) verdicts.set(pattern, forbidden);
    else if (known) verdicts.set(pattern, known[key] as Verdict);
    else missing.push(pattern);
  }
  if (missing.length > 0) {
    // Shortest first: the same verdicts in any order, but on the real knowledge this order took
    // 15-20% less CPU than file order (four runs each; short patterns are the cheap ones, and the
    // worker's code is warm and its heap sized before the long ones come).
    missing.sort((a, b) => a.length - b.length);
    const analyser = new Analyser(heapMb);
    try {
      for (const [i, pattern] of missing.entries()) {
        const verdict = await analyser.analyse(pattern);
        verdicts.set(pattern, verdict);
        cached[keyOf(pattern, heapMb)] = verdict;
        options.onAnalysed?.(i + 1, missing.length);
      }
    } finally {
      await analyser.close();
    }
    // a read-only or missing cache folder only costs the next run the analysis
    if (options.cacheDir) await writeCacheFile(join(options.cacheDir, CACHE_FILE), JSON.stringify(cached));
  }
  return (pattern) => verdicts.get(pattern) ?? undefined;
}

/**
 * Writes the verdicts of exactly these patterns to a verdict file (the build's, for the bundled
 * knowledge). cacheDir, if given, saves re-analysing what an earlier run already worked out.
 */
export async function writeVerdictFile(
  file: string,
  patterns: readonly string[],
  options: Pick<RedosVerdictOptions, 'cacheDir'> = {},
): Promise<void> {
  const verdict = await redosVerdicts(patterns, options);
  const entries: Record<string, Verdict> = {};
  for (const pattern of [...new Set(patterns)].sort()) {
    if (!forbiddenConstruct(pattern)) entries[keyOf(pattern, WORKER_HEAP_MB)] = verdict(pattern) ?? null;
  }
  if (!(await writeCacheFile(file, `${JSON.stringify(entries)}\n`))) throw new Error(`could not write ${file}`);
}
