/**
 * npm run bench (third part): what a user feels as a whole process, from the built code in dist/
 * (npm run bench builds first). Each figure is a ratio or a bound measured in this run:
 *  - one-line `kubetriage diagnose FILE`, wall time against `node -e 0` (median of runs), and peak RSS;
 *  - knowledge load from the compiled snapshot: the real knowledge base and 150 / 1,000 / 10,000
 *    synthetic incidents, each in a fresh process (time inside it, and its peak RSS);
 *  - `kubetriage kb lint` on the real knowledge, as installed (the build's verdicts) and with --no-cache: time and peak RSS;
 *  - the bot in HTTP mode against a loopback fake Slack: RSS once /readyz answers 200 (median of seven starts).
 * Peak RSS comes from a preloaded probe (bench/rss-probe.mjs) that records the process's own maxRSS.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_KNOWLEDGE_DIR } from '../src/knowledge/default-dir.js';
import { loadCatalog } from '../src/triage/catalog.js';
import { freePort } from '../test/helpers/ports.js';
import { writeSyntheticKnowledge } from './synthetic-kb.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const PROBE = fileURLToPath(new URL('./rss-probe.mjs', import.meta.url));
if (!existsSync(join(DIST, 'build-id.txt'))) throw new Error('run npm run build first (npm run bench does)');
const CODE_ID = readFileSync(join(DIST, 'build-id.txt'), 'utf8').trim();

/** A child's environment without this process's NODE_OPTIONS (--expose-gc) and with its own cache folder. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  return { ...env, ...extra };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

function once(args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { env, stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
  return performance.now() - started;
}

/**
 * The median wall time of each command over `rounds` rounds, one run of each per round: a drift
 * in the machine's speed during the measurement then moves both alike and cancels in their ratio
 * (timed as two blocks, the same code measured 1.18x one time and 1.6x another).
 */
function interleaved(commands: string[][], env: NodeJS.ProcessEnv, rounds: number): number[] {
  const times = commands.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    commands.forEach((args, i) => {
      times[i]?.push(once(args, env));
    });
  }
  return times.map(median);
}

/** Peak RSS (KB) of one run, with the probe preloaded; stdout returned for the figures a child prints. */
async function probed(args: string[], env: NodeJS.ProcessEnv): Promise<{ maxRssKb: number; stdout: string }> {
  const file = join(await mkdtemp(join(tmpdir(), 'kubetriage-probe-')), 'rss');
  const result = spawnSync(process.execPath, ['--import', PROBE, ...args], {
    env: { ...env, KUBETRIAGE_BENCH_PROBE: file },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const maxRssKb = Number(await readFile(file, 'utf8'));
  await rm(join(file, '..'), { recursive: true, force: true });
  return { maxRssKb, stdout: result.stdout };
}

const cache = await mkdtemp(join(tmpdir(), 'kubetriage-bench-cache-'));
const env = childEnv({ KUBETRIAGE_CACHE_DIR: cache });
const bin = join(DIST, 'cli', 'bin.js');
console.log(`\nnode ${process.version} · processes started from dist/ (build ${CODE_ID.slice(0, 12)})`);

// 1. one-line diagnose against a bare node
const line = join(cache, 'one-line.txt');
await writeFile(
  line,
  'Warning  FailedMount  kubelet  MountVolume.SetUp failed for volume "webhook-cert" : secret "webhook-server-cert" not found\n',
);
for (let i = 0; i < 3; i++) once([bin, 'diagnose', line], env); // the first run may compile the snapshot into the cache
const RUNS = 21;
const [bare, cli] = interleaved(
  [
    ['-e', '0'],
    [bin, 'diagnose', line],
  ],
  env,
  RUNS,
) as [number, number];
const cliRss = (await probed([bin, 'diagnose', line], env)).maxRssKb;
const bareRss = (await probed(['-e', '0'], env)).maxRssKb;
console.log('\n| process | wall (median of 21, interleaved) | vs node -e 0 | peak RSS |');
console.log('|---|---|---|---|');
console.log(`| node -e 0 | ${bare.toFixed(0)} ms | 1.00× | ${mb(bareRss)} |`);
console.log(`| kubetriage diagnose FILE (one line) | ${cli.toFixed(0)} ms | ${(cli / bare).toFixed(2)}× | ${mb(cliRss)} |`);

// 2. knowledge load from the snapshot, each in a fresh process
const LOAD = `
const { loadCatalog } = await import(${JSON.stringify(join(DIST, 'triage/catalog.js'))});
const { defaultSnapshotOptions } = await import(${JSON.stringify(join(DIST, 'triage/knowledge-snapshot.js'))});
const snapshots = await defaultSnapshotOptions(process.env);
const started = performance.now();
const kb = await loadCatalog(process.argv[1], { snapshots });
console.log(JSON.stringify({ ms: performance.now() - started, incidents: kb.incidents.length }));`;
const real = await loadCatalog(BUNDLED_KNOWLEDGE_DIR);
console.log('\n| knowledge | compile from YAML (first load) | load from snapshot (median of 3 processes) | peak RSS of that process |');
console.log('|---|---|---|---|');
for (const size of [real.incidents.length, 150, 1000, 10000]) {
  const dir = size === real.incidents.length ? BUNDLED_KNOWLEDGE_DIR : await writeSyntheticKnowledge(real.incidents, size);
  const first = await probed(['--input-type=module', '-e', LOAD, dir], env);
  const compile = (JSON.parse(first.stdout) as { ms: number }).ms;
  const loads: number[] = [];
  let peak = 0;
  for (let i = 0; i < 3; i++) {
    const run = await probed(['--input-type=module', '-e', LOAD, dir], env);
    loads.push((JSON.parse(run.stdout) as { ms: number }).ms);
    peak = Math.max(peak, run.maxRssKb);
  }
  const label = dir === BUNDLED_KNOWLEDGE_DIR ? `real (${size}, snapshot built by npm run build)` : `${size} synthetic`;
  const compileCell = dir === BUNDLED_KNOWLEDGE_DIR ? `${compile.toFixed(0)} ms (already a snapshot)` : `${compile.toFixed(0)} ms`;
  console.log(`| ${label} | ${compileCell} | ${median(loads).toFixed(0)} ms | ${mb(peak)} |`);
  if (dir !== BUNDLED_KNOWLEDGE_DIR) await rm(dir, { recursive: true, force: true });
}

// 3. kb lint of the real knowledge: as installed (the build's ReDoS verdicts, an empty cache), and
// with every pattern analysed afresh (--no-cache: what a new redos-detector version costs once)
for (const [label, args] of [
  ['verdicts from the build, empty cache', ['kb', 'lint']],
  ['--no-cache, every pattern analysed', ['kb', 'lint', '--no-cache']],
] as const) {
  const lintStarted = performance.now();
  const lint = await probed([bin, ...args], env);
  console.log(
    `${label === '--no-cache, every pattern analysed' ? '' : '\n'}kb lint (real knowledge, ${real.incidents.length} entries; ${label}): ${((performance.now() - lintStarted) / 1000).toFixed(1)} s, peak RSS ${mb(lint.maxRssKb)}`,
  );
}

// 4. the bot at ready, HTTP mode, against a fake Slack on loopback
const slack = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = req.url?.endsWith('/auth.test') ? { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' } : { ok: true };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
});
await new Promise<void>((resolve) => slack.listen(0, '127.0.0.1', resolve));
/**
 * One bot start: RSS when /readyz first answers 200, or undefined if it never does. The young
 * heap of the start-up is often not yet collected at that moment, so one start reads anywhere
 * from about 100 to 135 MB: the bench reports the median of seven (three were not enough: two
 * runs of three on the same build gave medians 15 MB apart).
 */
async function botAtReady(): Promise<number | undefined> {
  const port = await freePort();
  const bot = spawn(process.execPath, [join(DIST, 'main.js')], {
    env: childEnv({
      SLACK_BOT_TOKEN: 'xoxb-1-2-bench',
      SLACK_SIGNING_SECRET: 'bench-signing-secret-0123456789',
      SLACK_API_URL: `http://127.0.0.1:${(slack.address() as AddressInfo).port}/api/`,
      PORT: String(port),
      KUBETRIAGE_DATA_DIR: cache,
      KUBETRIAGE_CACHE_DIR: cache,
      LOG_LEVEL: 'warn',
    }),
    stdio: 'ignore',
  });
  try {
    const readyBy = Date.now() + 20_000;
    while (Date.now() < readyBy) {
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) {
        const status = readFileSync(`/proc/${bot.pid}/status`, 'utf8');
        return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return undefined;
  } finally {
    bot.kill('SIGTERM');
  }
}
const BOT_STARTS = 7;
const starts: number[] = [];
for (let i = 0; i < BOT_STARTS; i++) {
  const rss = await botAtReady();
  if (rss !== undefined) starts.push(rss);
}
console.log(
  starts.length === BOT_STARTS
    ? `bot (HTTP mode) at ready: RSS ${mb(median(starts))} (median of ${BOT_STARTS} starts; ${starts.map(mb).join(', ')})`
    : 'bot (HTTP mode): /readyz never answered 200 within 20 s',
);
slack.close();
await rm(cache, { recursive: true, force: true });
