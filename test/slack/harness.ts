import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import nock from 'nock';
import { pino } from 'pino';
import { afterEach, beforeAll } from 'vitest';
import { AuditTrail } from '../../src/logging/audit.js';
import { createSlackApp, type SlackSettings } from '../../src/slack/app.js';
import type { ChannelSettings, SlackDeps } from '../../src/slack/deps.js';
import { ACTION, clusterKey, encodeValue } from '../../src/slack/render/actions.js';
import { MemoryStateStore } from '../../src/state/store.js';
import type { Catalog } from '../../src/triage/catalog.js';
import { type ClusterAccess, createTriage, type Triage } from '../../src/triage/triage.js';
import { shippedKnowledge } from '../helpers/kb.js';
import { blockKitViolations } from './block-kit.js';

export const SLACK_API = 'https://slack.test';
export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const BOT_USER_ID = 'UBOT';

export interface Harness {
  app: App;
  url: string;
  logs: string[];
  stop(): Promise<void>;
}

/** What a test may swap: the cluster registry (a fake ClusterAccess), channel settings, any use case. */
export type HarnessOverrides = Partial<Omit<SlackDeps, 'triage' | 'channels'>> & {
  clusters?: ClusterAccess;
  channels?: Partial<ChannelSettings>;
  triage?: Partial<Triage>;
};

/** The real Bolt app with its real HTTP receiver on a loopback port; Slack's Web API is nock. */
export async function startHarness(kb: Catalog, overrides: HarnessOverrides = {}, settings: Partial<SlackSettings> = {}): Promise<Harness> {
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(line) });
  const { clusters, channels, triage, ...rest } = overrides;
  const real = createTriage({ catalog: () => kb, ...(clusters ? { clusters } : {}), budgetMs: 15_000, audit: new AuditTrail(logger) });
  const deps: SlackDeps = {
    triage: { ...real, ...triage },
    channels: { defaultFor: () => undefined, autoVerify: () => false, ...channels },
    store: new MemoryStateStore(),
    logger,
    checksUnavailable: 'Cluster checks are not configured.',
    upgradeCheckUnavailable: 'Upgrade check is not available yet.',
    ...rest,
  };
  const app = createSlackApp(
    {
      botToken: 'xoxb-test-token',
      signingSecret: SIGNING_SECRET,
      apiUrl: `${SLACK_API}/api/`,
      botId: 'BBOT',
      botUserId: BOT_USER_ID,
      webApiTimeoutMs: 1500,
      ...settings,
    },
    deps,
  );
  const server = (await app.start(0)) as unknown as { address(): AddressInfo };
  return {
    app,
    url: `http://127.0.0.1:${server.address().port}/slack/events`,
    logs,
    stop: async () => {
      await app.stop();
      // every message this harness's app sent had to be one Slack accepts
      assertSlackWouldAccept();
    },
  };
}

export function sign(body: string, timestamp = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

let eventCounter = 0;

export function messageEvent(text: string, extra: Record<string, unknown> = {}, eventId = `Ev${++eventCounter}`): string {
  return JSON.stringify({
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_700_000_000,
    event: {
      type: 'message',
      channel: 'C1',
      channel_type: 'channel',
      user: 'U1',
      text,
      ts: `1700000000.${String(eventCounter).padStart(6, '0')}`,
      ...extra,
    },
  });
}

export async function postEvent(url: string, body: string, headers: Record<string, string> = sign(body)) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

export async function postCommand(url: string, fields: Record<string, string>) {
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: 'T1',
    user_id: 'U1',
    channel_id: 'C1',
    trigger_id: 'trig.1',
    ...fields,
  }).toString();
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) }, body });
}

export interface CapturedPost {
  channel: string;
  thread_ts?: string;
  text: string;
  blocks: unknown[];
  unfurl_links?: unknown;
}

/** What the captured messages broke of Slack's limits, reported after each test. */
const VIOLATIONS: string[] = [];

function checkBlockKit(where: string, message: { text?: unknown; blocks?: unknown }): void {
  for (const v of blockKitViolations(message)) VIOLATIONS.push(`${where}: ${v}`);
}

/** Every message captured since the last call was one Slack accepts (called after each test). */
export function assertSlackWouldAccept(): void {
  const refused = VIOLATIONS.splice(0);
  if (refused.length > 0) throw new Error(`Slack would refuse these messages:\n${refused.join('\n')}`);
}

/** Intercepts chat.postMessage calls; the Web API sends form fields with JSON-encoded blocks. */
export function capturePosts(
  times = 1,
  reply: () => [number, object, Record<string, string>?] = () => [200, { ok: true, ts: '1700000001.000001' }],
) {
  const posts: CapturedPost[] = [];
  const scope = nock(SLACK_API)
    .post('/api/chat.postMessage', (body: Record<string, unknown>) => {
      const post = {
        ...body,
        blocks: typeof body.blocks === 'string' ? JSON.parse(body.blocks) : (body.blocks as unknown[]),
      } as CapturedPost;
      checkBlockKit('chat.postMessage', post);
      posts.push(post);
      return true;
    })
    .times(times)
    .reply(() => {
      const [status, payload] = reply();
      return [status, payload];
    });
  return { posts, scope };
}

/** Intercepts chat.update calls (a card updated in place), blocks parsed. */
export function captureUpdates(times = 1): Array<Record<string, unknown>> {
  const updates: Array<Record<string, unknown>> = [];
  nock(SLACK_API)
    .post('/api/chat.update', (body: Record<string, unknown>) => {
      const update = { ...body, blocks: typeof body.blocks === 'string' ? JSON.parse(body.blocks) : body.blocks };
      checkBlockKit('chat.update', update);
      updates.push(update);
      return true;
    })
    .times(times)
    .reply(200, { ok: true });
  return updates;
}

export async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Where Slack's response_url points in tests. */
export const RESPONSE_HOST = 'https://hooks.slack.test';

/** The bodies Bolt's respond() posts to RESPONSE_HOST + path (ephemeral and in-channel answers). */
export function captureResponses(path: string, times = 3): Array<Record<string, unknown>> {
  const bodies: Array<Record<string, unknown>> = [];
  nock(RESPONSE_HOST)
    .post(path, (body: Record<string, unknown>) => {
      checkBlockKit(`response_url ${path}`, body);
      bodies.push(body);
      return true;
    })
    .times(times)
    .reply(200, { ok: true });
  return bodies;
}

/** Waits until the app has logged `msg` `count` times: the event a test waits on instead of a fixed sleep. */
export function logged(harness: Harness, msg: string, count = 1, timeoutMs = 5000): Promise<void> {
  const times = () => harness.logs.filter((line) => (JSON.parse(line) as { msg?: string }).msg === msg).length;
  return waitFor(() => times() >= count, timeoutMs);
}

/** One shared lifecycle for Slack tests: the shipped knowledge, one harness per test, nock reset after each. */
export function slackTestContext() {
  const context: { kb?: Catalog; current?: Harness; start(overrides?: HarnessOverrides): Promise<Harness> } = {
    async start(overrides = {}) {
      context.current = await startHarness(context.kb as Catalog, overrides);
      return context.current;
    },
  };
  beforeAll(async () => {
    context.kb = await shippedKnowledge();
  });
  afterEach(async () => {
    await context.current?.stop();
    context.current = undefined;
    nock.cleanAll();
    assertSlackWouldAccept();
  });
  return context;
}

/** A signed view_submission (a modal's Send), as Slack posts it. */
export async function postViewSubmission(url: string, view: Record<string, unknown>, user = 'U7') {
  const payload = {
    type: 'view_submission',
    team: { id: 'T1' },
    user: { id: user },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: 'trig.3',
    view: { id: 'V1', ...view },
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) }, body });
}

/** A signed block_actions delivery from user U7 in channel C1, as Slack posts it for a click. */
/** The "Run checks" cluster picker as Slack sends it when an operator chooses a cluster. */
export function clusterPick(incident: string, cluster: string) {
  // as the picker renders it: the cluster by its short key
  const option = { text: { type: 'plain_text', text: cluster }, value: encodeValue({ incident, clusterKey: clusterKey(cluster) }) };
  return { type: 'static_select', action_id: ACTION.runChecks, selected_option: option };
}

export async function postBlockAction(url: string, action: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const payload = {
    type: 'block_actions',
    team: { id: 'T1' },
    user: { id: 'U7' },
    channel: { id: 'C1' },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: 'trig.2',
    container: { type: 'message', message_ts: '1.1', channel_id: 'C1' },
    actions: [{ block_id: 'kubetriage_diagnosis', action_ts: '1.2', ...action }],
    ...extra,
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) }, body });
}
