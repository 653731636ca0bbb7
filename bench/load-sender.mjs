/**
 * The load generator, in its own worker thread so its fetch work does not sit on the app's event
 * loop (Slack is another machine in real life). Sends signed deliveries at a fixed rate.
 * Plain JavaScript: worker threads do not get tsx's loader on Node 20.
 */
import { createHmac } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

const MATCHING = 'calico-node-x7k2p install-cni: Unable to create token for CNI kubeconfig error=Unauthorized';
const CHATTY = 'deploying v1.2.3 now, ping me if anything breaks';
/** @type {{ eventsUrl: string, rate: number, total: number, secret: string, warmup: number }} */
const { eventsUrl, rate, total, secret, warmup } = workerData;

/** @param {string} body @param {number} [retryNum] */
async function deliver(body, retryNum) {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  /** @type {Record<string, string>} */
  const headers = {
    'content-type': 'application/json',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signature,
  };
  if (retryNum) Object.assign(headers, { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' });
  const started = performance.now();
  try {
    const response = await fetch(eventsUrl, { method: 'POST', headers, body });
    await response.arrayBuffer();
    return { ms: performance.now() - started, ok: response.status === 200 };
  } catch {
    return { ms: performance.now() - started, ok: false };
  }
}

/** @param {number} i @param {boolean} matching */
function event(i, matching) {
  const ts = `1700000000.${String(i).padStart(6, '0')}`;
  const body = JSON.stringify({
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `EvLoad${i}`,
    event_time: 1_700_000_000,
    event: { type: 'message', channel: 'C1', channel_type: 'channel', user: 'U1', text: matching ? MATCHING : CHATTY, ts },
  });
  return { body, ts };
}

// Warm-up: JIT and connection pools, not measured (chatty text: no replies expected).
await Promise.all(Array.from({ length: warmup }, (_, i) => deliver(event(900_000 + i, false).body)));

const results = [];
/** @type {string[]} */
const sent = [];
/** @type {string[]} */
const expected = [];
let retries = 0;
const startedAt = performance.now();
for (let i = 0; i < total; i++) {
  const wait = startedAt + (i * 1000) / rate - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  if (i % 20 === 19 && sent.length > 0) {
    retries++; // 5 % Slack-style retries of an earlier delivery: must not produce a second reply
    results.push(deliver(/** @type {string} */ (sent[(i * 7) % sent.length]), 1));
    continue;
  }
  const matching = i % 2 === 0;
  const { body, ts } = event(i, matching);
  if (matching) expected.push(ts);
  sent.push(body);
  results.push(deliver(body));
}
const done = await Promise.all(results);
parentPort?.postMessage({
  acks: done.map((d) => d.ms),
  errors: done.filter((d) => !d.ok).length,
  retries,
  expected,
  seconds: (performance.now() - startedAt) / 1000,
});
