import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterRegistry } from '../../src/cluster/registry.js';
import { loadClusterEnv } from '../../src/config.js';
import { channelSettings } from '../../src/slack/start.js';
import { clusterSettings } from '../../src/triage/cluster-settings.js';
import { kubeconfigFor, type RecordingServer, recordingServer } from '../helpers/recording-apiserver.js';
import {
  capturePosts,
  captureResponses,
  clusterPick,
  logged,
  messageEvent,
  postBlockAction,
  postCommand,
  postEvent,
  slackTestContext,
  waitFor,
} from './harness.js';

/** A confident match (the VPC CNI seed) naming the prod cluster. */
const PASTE =
  'prod: Unauthorized operation: failed to call ec2:DescribeNetworkInterfaces due to missing permissions\ncni plugin not initialized';

const ctx = slackTestContext();
let api: RecordingServer;

beforeAll(async () => {
  api = await recordingServer();
});
afterAll(() => api.close());

/** The production wiring: the real registry over a loopback API server, with C0PROD the only channel allowed prod. */
async function realClusters(channelMap: string) {
  const env = loadClusterEnv({
    KUBECONFIG: await kubeconfigFor([
      { name: 'prod', server: api.origin },
      { name: 'dev', server: api.origin },
    ]),
    KUBETRIAGE_CHANNEL_CLUSTERS: channelMap,
  });
  return { clusters: ClusterRegistry.load(clusterSettings(env)), channels: channelSettings(env) };
}

describe('the channel → cluster map fails closed', () => {
  it.each([
    ['an unlisted channel', 'C0OTHER'],
    ['a DM', 'D0DIRECT'],
  ])('%s is offered no cluster picker', async (_, channel) => {
    const harness = await ctx.start(await realClusters('C0PROD=prod'));
    const { posts } = capturePosts();
    await postEvent(harness.url, messageEvent(PASTE, { channel, channel_type: channel.startsWith('D') ? 'im' : 'channel' }));
    await waitFor(() => posts.length === 1);
    const reply = JSON.stringify(posts[0]?.blocks);
    expect(reply).toContain('vpc-cni-irsa-annotation-missing');
    expect(reply).not.toContain('static_select');
    expect(reply).not.toContain('"prod"');
  });

  it('the listed channel is offered its cluster (the map works at all)', async () => {
    const harness = await ctx.start(await realClusters('C0PROD=prod'));
    const { posts } = capturePosts();
    await postEvent(harness.url, messageEvent(PASTE, { channel: 'C0PROD' }));
    await waitFor(() => posts.length === 1);
    expect(JSON.stringify(posts[0]?.blocks)).toContain('static_select');
  });

  it('a forged "Run checks" click from an unlisted channel runs no check and says who may check what', async () => {
    const harness = await ctx.start(await realClusters('C0PROD=prod'));
    const answers = captureResponses('/actions/pick');
    const before = api.seen.length;
    await postBlockAction(harness.url, clusterPick('vpc-cni-irsa-annotation-missing', 'prod'), {
      channel: { id: 'C0OTHER' },
      response_url: 'https://hooks.slack.test/actions/pick',
      container: { type: 'message', message_ts: '1700000000.000002', channel_id: 'C0OTHER' },
      message: { type: 'message', ts: '1700000000.000002', text: 'diagnosis' },
    });
    await waitFor(() => answers.length === 1);
    expect(String(answers[0]?.text)).toContain('may not check prod');
    expect(String(answers[0]?.text)).toContain('channel C0PROD → prod');
    expect(String(answers[0]?.text)).toContain('no other channel or DM may check a cluster');
    expect(api.seen.length).toBe(before);
    expect(harness.logs.some((l) => l.includes('"result":"denied"'))).toBe(true);
  });

  it('/upgrade-check from an unlisted channel posts no report', async () => {
    const harness = await ctx.start(await realClusters('C0PROD=prod'));
    const answers = captureResponses('/commands/upgrade');
    const before = api.seen.length;
    await postCommand(harness.url, {
      command: '/upgrade-check',
      text: 'prod 1.30',
      channel_id: 'C0OTHER',
      response_url: 'https://hooks.slack.test/commands/upgrade',
    });
    await logged(harness, 'command handled');
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(String(answers[0]?.text)).toContain('may not check prod');
    expect(api.seen.length).toBe(before);
  });

  it('"*" is the explicit default for every other channel', async () => {
    const harness = await ctx.start(await realClusters('C0PROD=prod;*=dev'));
    const { posts } = capturePosts();
    await postEvent(harness.url, messageEvent(PASTE, { channel: 'C0OTHER' }));
    await waitFor(() => posts.length === 1);
    const reply = JSON.stringify(posts[0]?.blocks);
    expect(reply).toContain('static_select');
    expect(reply).toContain('"text":"dev"');
    expect(reply).not.toContain('"text":"prod"');
  });
});
