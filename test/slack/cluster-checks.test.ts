import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/render/actions.js';
import type { ClusterAccess } from '../../src/triage/triage.js';
import { fakeReader } from '../checks/fake-reader.js';
import * as fx from '../fixtures/cluster-objects.js';
import { multusCluster } from '../fixtures/live-cluster.js';
import {
  capturePosts,
  captureResponses,
  captureUpdates,
  clusterPick,
  messageEvent,
  postBlockAction,
  postCommand,
  postEvent,
  slackTestContext,
  waitFor,
} from './harness.js';

const VPC_PASTE =
  'prod-eu: Unauthorized operation: failed to call ec2:DescribeNetworkInterfaces due to missing permissions\ncni plugin not initialized';

const ctx = slackTestContext();

const BROKEN = {
  '/api/v1/namespaces/kube-system/serviceaccounts/aws-node': fx.awsNodeServiceAccount(),
  '/api/v1/nodes': fx.list([fx.node('ip-10-0-1-23.ec2.internal', 'False', 'NetworkPluginNotReady: cni plugin not initialized')]),
  '/apis/apps/v1/namespaces/kube-system/daemonsets': fx.list([
    fx.daemonSet('aws-node', 'kube-system', 'amazon-k8s-cni:v1.15.1-eksbuild.1', {}),
  ]),
};

const BEFORE_1_25 = {
  '/version': { gitVersion: 'v1.24.9' },
  '/metrics':
    'apiserver_requested_deprecated_apis{group="policy",removed_release="1.25",resource="podsecuritypolicies",subresource="",version="v1beta1"} 1\n',
  '/api/v1/nodes': fx.list([fx.node('node-1', 'True')]),
};

/** Two clusters behind fake readers; the channel may check `channelClusters` (both by default). */
function clusters(options: { channelClusters?: string[]; routes?: Record<string, unknown> } = {}): ClusterAccess {
  const names = ['prod-eu', 'staging'];
  return {
    names: () => names,
    allowedIn: () => options.channelClusters ?? names,
    channelPolicy: () => `channel C1 → ${(options.channelClusters ?? names).join(', ')}`,
    unknownCluster: (name) => `unknown cluster "${name}"`,
    reader: (name) => (names.includes(name) ? fakeReader(options.routes ?? BROKEN, name) : undefined),
    refusedContexts: () => [],
  };
}

const CHANNELS = { defaultFor: () => 'staging' };

function clickCluster(url: string, incident: string, cluster: string, threadTs = '1700000000.000001') {
  return postBlockAction(url, clusterPick(incident, cluster), {
    trigger_id: 'trig.3',
    response_url: 'https://hooks.slack.test/actions/pick',
    container: { type: 'message', message_ts: '1700000000.000002', channel_id: 'C1' },
    message: { type: 'message', ts: '1700000000.000002', thread_ts: threadTs, text: 'diagnosis' },
  });
}

describe('"Run checks on…" in Slack', () => {
  it('offers the channel clusters and preselects the one the paste names', async () => {
    const harness = await ctx.start({ clusters: clusters(), channels: CHANNELS });
    const { posts } = capturePosts();
    await postEvent(harness.url, messageEvent(VPC_PASTE));
    await waitFor(() => posts.length === 1);
    const picker = JSON.stringify(posts[0]?.blocks);
    expect(picker).toContain('static_select');
    expect(picker).toContain('"initial_option":{"text":{"type":"plain_text","text":"prod-eu"}');
  });

  it('picking a cluster posts the verdict and evidence in the thread, with an audit line', async () => {
    const harness = await ctx.start({ clusters: clusters(), channels: CHANNELS });
    const { posts } = capturePosts();
    await clickCluster(harness.url, 'vpc-cni-irsa-annotation-missing', 'prod-eu');
    await waitFor(() => posts.length === 1);
    expect(posts[0]).toMatchObject({ channel: 'C1', thread_ts: '1700000000.000001' });
    const sent = JSON.stringify(posts[0]);
    expect(sent).toContain('confirmed');
    expect(sent).toContain('kube-system/serviceaccount/aws-node');
    const audit = harness.logs.map((l) => JSON.parse(l)).find((l) => l.audit);
    expect(audit.audit).toMatchObject({
      who: 'U7',
      channel: 'C1',
      cluster: 'prod-eu',
      what: 'vpc-cni-irsa-annotation-missing',
      result: 'confirmed',
    });
    expect(typeof audit.audit.durationMs).toBe('number');
  });

  it('a cluster this channel may not check is refused', async () => {
    const harness = await ctx.start({ clusters: clusters({ channelClusters: ['staging'] }), channels: CHANNELS });
    const responses: Array<Record<string, unknown>> = [];
    nock('https://hooks.slack.test')
      .post('/actions/pick', (b: Record<string, unknown>) => {
        responses.push(b);
        return true;
      })
      .reply(200, { ok: true });
    await clickCluster(harness.url, 'vpc-cni-irsa-annotation-missing', 'prod-eu');
    await waitFor(() => responses.length === 1);
    expect(String(responses[0]?.text)).toContain('may not check prod-eu');
  });

  it('a channel set to verify automatically posts the verdict after a confident match', async () => {
    const harness = await ctx.start({ clusters: clusters(), channels: { ...CHANNELS, autoVerify: () => true } });
    const { posts } = capturePosts(2);
    await postEvent(harness.url, messageEvent(VPC_PASTE));
    await waitFor(() => posts.length === 2);
    expect(JSON.stringify(posts[1])).toContain('confirmed');
    expect(posts[1]?.thread_ts).toBe(posts[0]?.thread_ts);
  });
});

describe('/upgrade-check in Slack', () => {
  it('acks, shows progress, then posts the report with a runbook button per finding', async () => {
    const harness = await ctx.start({ clusters: clusters({ routes: BEFORE_1_25 }), channels: CHANNELS });
    const responses = captureResponses('/commands/upgrade');
    const started = Date.now();
    const response = await postCommand(harness.url, {
      command: '/upgrade-check',
      text: 'prod-eu 1.25',
      response_url: 'https://hooks.slack.test/commands/upgrade',
    });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    await waitFor(() => responses.length === 2);
    expect(String(responses[0]?.text)).toContain('Checking prod-eu');
    expect(responses[1]).toMatchObject({ response_type: 'in_channel' });
    const report = JSON.stringify(responses[1]);
    expect(report).toContain('1 required');
    expect(report).toContain('removed-api:policy/v1beta1/podsecuritypolicies');
    expect(report).toContain(ACTION.showRunbook);
    expect(harness.logs.some((l) => l.includes('"what":"upgrade-check 1.24.9 -> 1.25"'))).toBe(true);
  });

  it('a cluster the channel may not check is answered with the allowed names', async () => {
    const harness = await ctx.start({ clusters: clusters({ channelClusters: ['staging'] }), channels: CHANNELS });
    const responses = captureResponses('/commands/upgrade');
    await postCommand(harness.url, {
      command: '/upgrade-check',
      text: 'prod-eu',
      response_url: 'https://hooks.slack.test/commands/upgrade',
    });
    await waitFor(() => responses.length === 1);
    expect(String(responses[0]?.text)).toContain('may not check prod-eu: channel C1 → staging');
    expect(responses.some((r) => r.response_type === 'in_channel')).toBe(false);
  });
});

describe('/scan in Slack', () => {
  const scanClusters = (routes: Record<string, unknown>) => clusters({ routes });

  it('posts one message in the channel, updates it in place phase by phase, and replaces it with the report', async () => {
    const harness = await ctx.start({ clusters: scanClusters(multusCluster('token-expired')), channels: CHANNELS });
    const responses = captureResponses('/commands/scan', 10);
    const response = await postCommand(harness.url, {
      command: '/scan',
      text: 'prod-eu',
      response_url: 'https://hooks.slack.test/commands/scan',
    });
    expect(response.status).toBe(200);
    await waitFor(() => responses.some((r) => String(r.text).includes('known incident')));
    expect(responses[0]).toMatchObject({ response_type: 'in_channel', text: 'Scanning prod-eu (read-only): starting…' });
    const updates = responses.slice(1);
    expect(updates.every((r) => r.replace_original === true && r.response_type === 'in_channel')).toBe(true);
    expect(updates.map((r) => r.text).slice(0, -1)).toEqual([
      'Scanning prod-eu (read-only): reading node conditions…',
      'Scanning prod-eu (read-only): reading Warning events…',
      'Scanning prod-eu (read-only): reading system logs…',
      'Scanning prod-eu (read-only): matching against the knowledge base…',
    ]);
    const report = updates.at(-1);
    expect(report?.text).toBe('1 known incident(s) on prod-eu now');
    const sent = JSON.stringify(report);
    expect(sent).toContain('error getting pod: Unauthorized');
    // Run checks carries the incident and the cluster; the click is re-decided by the triage layer
    expect(sent).toContain(ACTION.runChecks);
    expect(sent).toContain(JSON.stringify(JSON.stringify({ incident: 'multus-thin-token-expiry', cluster: 'prod-eu' })).slice(1, -1));
    expect(harness.logs.some((l) => l.includes('"what":"scan"') && l.includes('1 finding(s)'))).toBe(true);
  });

  it('a healthy cluster gets "No known incident found" with what was read', async () => {
    const harness = await ctx.start({ clusters: scanClusters(multusCluster('healthy')), channels: CHANNELS });
    const responses = captureResponses('/commands/scan', 10);
    await postCommand(harness.url, { command: '/scan', text: 'prod-eu', response_url: 'https://hooks.slack.test/commands/scan' });
    await waitFor(() => responses.some((r) => String(r.text).startsWith('No known incident')));
    expect(JSON.stringify(responses.at(-1))).toMatch(/read 2 node\(s\), 1 Warning event\(s\)/);
  });

  it('a cluster the channel may not check: one ephemeral refusal, nothing in the channel', async () => {
    const harness = await ctx.start({ clusters: clusters({ channelClusters: ['staging'] }), channels: CHANNELS });
    const responses = captureResponses('/commands/scan');
    await postCommand(harness.url, { command: '/scan', text: 'prod-eu', response_url: 'https://hooks.slack.test/commands/scan' });
    await waitFor(() => responses.length === 1);
    expect(responses[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(String(responses[0]?.text)).toContain('may not check prod-eu');
  });

  it('a Run checks button from a scan finding runs the checks on that cluster', async () => {
    const harness = await ctx.start({ clusters: scanClusters(multusCluster('token-expired')), channels: CHANNELS });
    const responses = captureResponses('/actions/scan-checks');
    await postBlockAction(
      harness.url,
      { type: 'button', action_id: ACTION.runChecks, value: JSON.stringify({ incident: 'multus-thin-token-expiry', cluster: 'prod-eu' }) },
      { response_url: 'https://hooks.slack.test/actions/scan-checks' },
    );
    await waitFor(() => responses.length === 1);
    expect(JSON.stringify(responses[0])).toContain('live-events');
    expect(JSON.stringify(responses[0])).not.toContain('not configured');
  });
});

describe('/triage with clusters configured', () => {
  it('offers the cluster picker, not "cluster checks are not configured"', async () => {
    const harness = await ctx.start({ clusters: clusters(), channels: CHANNELS });
    const responses = captureResponses('/commands/triage-picker');
    await postCommand(harness.url, {
      command: '/triage',
      text: VPC_PASTE,
      response_url: 'https://hooks.slack.test/commands/triage-picker',
    });
    await waitFor(() => responses.length === 1);
    const sent = JSON.stringify(responses[0]);
    expect(sent).toContain('"type":"static_select"');
    expect(sent).toContain('clusterKey');
    expect(sent).not.toContain('not configured');
  });
});

describe('a picker with a cluster already chosen', () => {
  it('has a Run checks button for that cluster beside it, and the button runs the checks', async () => {
    const harness = await ctx.start({ clusters: clusters(), channels: CHANNELS });
    const { posts } = capturePosts(2);
    await postEvent(harness.url, messageEvent(VPC_PASTE));
    await waitFor(() => posts.length === 1);
    type Blocks = Array<{ type: string; elements?: Array<{ action_id: string; value?: string }> }>;
    const actions = ((posts[0]?.blocks ?? []) as Blocks).find((b) => b.type === 'actions');
    const button = actions?.elements?.find((e) => e.action_id === ACTION.runChecksNow);
    expect(button).toBeDefined();
    await postBlockAction(
      harness.url,
      { type: 'button', action_id: ACTION.runChecksNow, value: button?.value },
      { message: { type: 'message', ts: '1.1', text: 'x' } },
    );
    await waitFor(() => posts.length === 2);
    expect(JSON.stringify(posts[1]?.blocks)).toContain('prod-eu');
  });
});

describe('the diagnosis card after a check', () => {
  it('is updated in place with the verdict, replaced rather than stacked on a second check', async () => {
    const harness = await ctx.start({ clusters: clusters(), channels: CHANNELS });
    const updates = captureUpdates(2);
    const { posts } = capturePosts(2);
    const card = {
      type: 'message',
      ts: '1.1',
      text: 'VPC CNI',
      blocks: [{ type: 'header', text: { type: 'plain_text', text: 'VPC CNI' } }],
    };
    await postBlockAction(harness.url, clusterPick('vpc-cni-irsa-annotation-missing', 'prod-eu'), { message: card });
    await waitFor(() => updates.length === 1 && posts.length === 1);
    const blocks = updates[0]?.blocks as Array<{ block_id?: string; elements?: Array<{ text: string }> }>;
    expect(updates[0]).toMatchObject({ channel: 'C1', ts: '1.1' });
    expect(blocks.at(-1)?.block_id).toBe('kubetriage_verdict');
    expect(blocks.at(-1)?.elements?.[0]?.text).toMatch(/^:white_check_mark: confirmed on `prod-eu` \(checked by <@U7>\)$/);
    await postBlockAction(harness.url, clusterPick('vpc-cni-irsa-annotation-missing', 'prod-eu'), { message: { ...card, blocks } });
    await waitFor(() => updates.length === 2);
    const second = (updates[1]?.blocks ?? []) as Array<{ block_id?: string }>;
    expect(second.filter((b) => b.block_id === 'kubetriage_verdict')).toHaveLength(1);
  });
});

describe('votes on the diagnosis card', () => {
  it('one vote per person, the last click wins, shown on the card in place', async () => {
    const harness = await ctx.start({ clusters: clusters(), channels: CHANNELS });
    const updates = captureUpdates(3);
    captureResponses('/actions/votes', 3);
    const card = { type: 'message', ts: '1.5', text: 'card', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'card' } }] };
    const value = JSON.stringify({ incident: 'kops-sa-issuer-change', paste: 'p' });
    const click = (action: string, user: string) =>
      postBlockAction(
        harness.url,
        { type: 'button', action_id: action, value },
        { message: card, user: { id: user }, response_url: 'https://hooks.slack.test/actions/votes' },
      );
    await click(ACTION.helpful, 'U1');
    await waitFor(() => updates.length === 1);
    await click(ACTION.helpful, 'U2');
    await waitFor(() => updates.length === 2);
    await click(ACTION.notThis, 'U1');
    await waitFor(() => updates.length === 3);
    const line = (u: Record<string, unknown>) =>
      (u.blocks as Array<{ block_id?: string; elements?: Array<{ text: string }> }>).find((b) => b.block_id === 'kubetriage_votes')
        ?.elements?.[0]?.text;
    expect(updates.map(line)).toEqual([
      ':thumbsup: 1 helpful · :thumbsdown: 0 not this',
      ':thumbsup: 2 helpful · :thumbsdown: 0 not this',
      ':thumbsup: 1 helpful · :thumbsdown: 1 not this',
    ]);
  });
});
