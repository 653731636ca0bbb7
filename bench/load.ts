/**
 * npm run load [-- --rate 200 --seconds 10]: the real Bolt app in HTTP mode on loopback, fed
 * signed Events API deliveries at a fixed rate by a sender in its own worker thread (5 % of them
 * Slack-style retries of an earlier event, after 100 unmeasured warm-up deliveries), replying to
 * a fake Slack Web API on loopback. Reports ack latency, replies posted,
 * duplicates, lost replies, errors and memory; then a soak of 10,000 diagnoses in-process.
 * Bounded in count and time; only loopback addresses are used.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { pino } from 'pino';
import { diagnose } from '../src/diagnose/diagnose.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../src/knowledge/default-dir.js';
import { AuditTrail } from '../src/logging/audit.js';
import { createSlackApp } from '../src/slack/app.js';
import { MemoryStateStore } from '../src/state/store.js';
import { loadCatalog } from '../src/triage/catalog.js';
import { createTriage } from '../src/triage/triage.js';

const { values } = parseArgs({ options: { rate: { type: 'string', default: '200' }, seconds: { type: 'string', default: '10' } } });
const rate = Math.min(2000, Number(values.rate));
const seconds = Math.min(60, Number(values.seconds));
const SECRET = 'load-test-signing-secret-0123456789';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

// Fake Slack Web API: counts chat.postMessage per thread (the replies).
const posts = new Map<string, number>();
const slack = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    // only replies count; other calls (chat.getPermalink for a repeated paste) are answered and not counted
    if (!req.url?.endsWith('/chat.postMessage')) {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: true, permalink: 'https://x.slack.com/archives/C/p1' }));
      return;
    }
    const thread =
      new URLSearchParams(body).get('thread_ts') ??
      (body.startsWith('{') ? (JSON.parse(body) as { thread_ts?: string }).thread_ts : undefined) ??
      '?';
    posts.set(thread, (posts.get(thread) ?? 0) + 1);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, ts: '1.1' }));
  });
});
await new Promise<void>((r) => slack.listen(0, '127.0.0.1', r));
const slackUrl = `http://127.0.0.1:${(slack.address() as AddressInfo).port}/api/`;

const kb = await loadCatalog(BUNDLED_KNOWLEDGE_DIR);
const app = createSlackApp(
  { botToken: 'xoxb-load-test', signingSecret: SECRET, apiUrl: slackUrl, botId: 'BLOAD', botUserId: 'ULOAD' },
  {
    triage: createTriage({ catalog: () => kb, budgetMs: 15_000, audit: new AuditTrail(pino({ level: 'warn' })) }),
    channels: { defaultFor: () => undefined, autoVerify: () => false },
    store: new MemoryStateStore(),
    logger: pino({ level: 'warn' }),
    checksUnavailable: 'n/a',
    upgradeCheckUnavailable: 'n/a',
  },
);
const server = (await app.start(0)) as unknown as { address(): AddressInfo };
const eventsUrl = `http://127.0.0.1:${server.address().port}/slack/events`;

global.gc?.();
const rssBefore = process.memoryUsage().rss;
const total = rate * seconds;
interface SenderResult {
  acks: number[];
  errors: number;
  retries: number;
  expected: string[];
  seconds: number;
}
const worker = new Worker(new URL('./load-sender.mjs', import.meta.url), {
  workerData: { eventsUrl, rate, total, secret: SECRET, warmup: 100 },
});
const result = await new Promise<SenderResult>((resolve, reject) => {
  worker.once('message', resolve);
  worker.once('error', reject);
});
await worker.terminate();
const { acks, errors, retries } = result;
const expected = new Set(result.expected);
const sendSeconds = result.seconds;
for (let waited = 0; waited < 10_000 && [...expected].some((ts) => !posts.has(ts)); waited += 100)
  await new Promise((r) => setTimeout(r, 100));
await new Promise((r) => setTimeout(r, 500));
global.gc?.();
const rssAfter = process.memoryUsage().rss;

const sortedAcks = [...acks].sort((a, b) => a - b);
const duplicates = [...posts.values()].reduce((n, c) => n + (c > 1 ? c - 1 : 0), 0);
const lost = [...expected].filter((ts) => !posts.has(ts)).length;
const unexpected = [...posts.keys()].filter((ts) => !expected.has(ts)).length;
console.log(`node ${process.version} · ${new Date().toISOString()}`);
console.log(`load: ${total} deliveries (${retries} retries) at ${rate}/s over ${sendSeconds.toFixed(1)} s on loopback`);
console.log(
  `ack latency: p50 ${pct(sortedAcks, 0.5).toFixed(1)} ms, p99 ${pct(sortedAcks, 0.99).toFixed(1)} ms, max ${(sortedAcks.at(-1) ?? 0).toFixed(1)} ms`,
);
console.log(
  `replies: expected ${expected.size}, posted ${[...posts.values()].reduce((a, b) => a + b, 0)}, duplicates ${duplicates}, lost ${lost}, unexpected ${unexpected}, errors ${errors}`,
);
console.log(`rss: ${mb(rssBefore)} before, ${mb(rssAfter)} after`);

await app.stop();
slack.close();

// Soak: 10,000 diagnoses of varied pastes; heap after GC must settle, not grow with the count.
const pastes = kb.incidents.flatMap((i) => [...i.examples.match, ...i.examples.noMatch].map((e) => e.text));
const heapAt = (n: number) => {
  for (let i = 0; i < n; i++) diagnose(`${pastes[i % pastes.length]}\nrequest ${i}`, kb);
  global.gc?.();
  return process.memoryUsage().heapUsed;
};
heapAt(1000);
const heapStart = heapAt(0);
const heapEnd = heapAt(10_000);
console.log(
  `soak: 10,000 diagnoses, heap ${mb(heapStart)} → ${mb(heapEnd)} (growth ${mb(heapEnd - heapStart)}${global.gc ? '' : '; run with --expose-gc for exact figures'})`,
);
process.exitCode = duplicates > 0 || lost > 0 || errors > 0 || pct(sortedAcks, 0.99) > 100 ? 1 : 0;
