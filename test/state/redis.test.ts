import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RedisActivityLog, readRedisActivity } from '../../src/activity/redis-activity.js';
import { RedisStateStore } from '../../src/state/redis-store.js';
import { shippedKnowledge } from '../helpers/kb.js';
import { freePort } from '../helpers/ports.js';
import { capturePosts, messageEvent, postEvent, sign, startHarness, waitFor } from '../slack/harness.js';

/** CI must run these tests: a CI run without Redis fails instead of going green without them. */
const IN_CI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';

function redisInstalled(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Starts redis-server on loopback; resolves to why it could not, or undefined once it answers PING. */
async function startRedis(port: number): Promise<{ server?: ChildProcess; unavailable?: string }> {
  if (!redisInstalled()) return { unavailable: 'redis-server is not installed (apt-get install redis-server)' };
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  let spawnError: string | undefined;
  server.on('error', (error) => {
    spawnError = error.message;
  });
  const probe = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => 100 });
  probe.on('error', () => undefined); // refused until redis-server is up
  try {
    for (let i = 0; i < 50 && !spawnError && server.exitCode === null; i++) {
      if (
        await probe.ping().then(
          () => true,
          () => false,
        )
      )
        return { server };
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    probe.disconnect();
  }
  server.kill();
  if (spawnError) return { unavailable: `redis-server could not be started: ${spawnError}` };
  if (server.exitCode !== null) return { unavailable: `redis-server exited with code ${server.exitCode} on start` };
  return { unavailable: `redis-server did not answer on 127.0.0.1:${port} within 5 s` };
}

describe('state shared through a real Redis', () => {
  let server: ChildProcess | undefined;
  let unavailable: string | undefined;
  let url: string;
  const clients: Redis[] = [];
  const client = () => {
    const c = new Redis(url, { maxRetriesPerRequest: 2 });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    const port = await freePort();
    url = `redis://127.0.0.1:${port}`;
    ({ server, unavailable } = await startRedis(port));
    if (unavailable && !IN_CI) {
      // biome-ignore lint/suspicious/noConsole: the skip says why in the run's output, not only in the verbose reporter
      console.warn(`NOTICE: shared-state tests skipped: ${unavailable}`);
    }
  });

  beforeEach((ctx) => {
    if (!unavailable) return;
    if (IN_CI) throw new Error(`${unavailable}: CI must run the shared-state tests (.ci/run installs redis-server)`);
    ctx.skip(unavailable);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit().catch(() => undefined)));
    server?.kill();
  });

  it('claims a key once across stores, until it expires', async () => {
    const a = new RedisStateStore(client());
    const b = new RedisStateStore(client());
    expect(await a.claim('event:Ev1', 300)).toBe(true);
    expect(await b.claim('event:Ev1', 300)).toBe(false);
    await new Promise((r) => setTimeout(r, 400));
    expect(await b.claim('event:Ev1', 300)).toBe(true);
    // the value kept with a claim is what every replica sees
    expect(await a.claimWith('answer:C1:fp', '1700000000.000901', 300)).toBeUndefined();
    expect(await b.claimWith('answer:C1:fp', '1700000000.000902', 300)).toBe('1700000000.000901');
    expect(await b.valueOf('answer:C1:fp')).toBe('1700000000.000901');
    expect(await b.valueOf('answer:C1:none')).toBeUndefined();
    // one counter across replicas
    expect([await a.increment('thread:C1:1:count', 300), await b.increment('thread:C1:1:count', 300)]).toEqual([1, 2]);
  });

  it('two app instances sharing one Redis, fed the same event as a Slack retry would, post one reply', async () => {
    const kb = await shippedKnowledge();
    const first = await startHarness(kb, { store: new RedisStateStore(client()) });
    const second = await startHarness(kb, { store: new RedisStateStore(client()) });
    try {
      const { posts } = capturePosts(3);
      const body = messageEvent('install-cni: Unable to create token for CNI kubeconfig error=Unauthorized', {}, 'EvTwoReplicas');
      await postEvent(first.url, body);
      await postEvent(second.url, body, { ...sign(body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
      // one replica answers, the other sees the claim in Redis and ignores the retry
      await waitFor(() => {
        const lines = [...first.logs, ...second.logs];
        return lines.some((l) => l.includes('"paste handled"')) && lines.some((l) => l.includes('"event ignored"'));
      }, 5000);
      expect(posts).toHaveLength(1);
    } finally {
      await first.stop();
      await second.stop();
      nock.cleanAll();
    }
  });

  it('feedback from every replica lands in one list', async () => {
    const at = new Date().toISOString();
    await new RedisActivityLog(client()).append({
      type: 'feedback',
      at,
      channel: 'C1',
      incident: 'kops-sa-issuer-change',
      paste: 'p1',
      outcome: 'helpful',
    });
    await new RedisActivityLog(client()).append({
      type: 'feedback',
      at,
      channel: 'C2',
      incident: 'kops-sa-issuer-change',
      paste: 'p2',
      outcome: 'not-this',
    });
    const { records } = await readRedisActivity(client());
    expect(records.map((r) => r.channel)).toEqual(['C1', 'C2']);
  });

  it('kb stats --redis reports the feedback of every replica', async () => {
    const { runCli } = await import('../../src/cli/run.js');
    const { memoryIo } = await import('../helpers/io.js');
    const io = memoryIo();
    expect(await runCli(['kb', 'stats', '--json', '--redis', url], io)).toBe(0);
    const { activity } = JSON.parse(io.stdout[0] ?? '{}');
    expect(activity.byIncident).toEqual([{ incident: 'kops-sa-issuer-change', hits: 0, helpful: 1, notThis: 1 }]);
  });
});
