import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { healthRoutes } from '../../src/observability/health-routes.js';
import { Metrics } from '../../src/observability/metrics.js';
import { ACTION, encodeValue } from '../../src/slack/render/actions.js';
import type { Catalog } from '../../src/triage/catalog.js';
import { fakeReader } from '../checks/fake-reader.js';
import * as fx from '../fixtures/cluster-objects.js';
import { shippedKnowledge } from '../helpers/kb.js';
import {
  capturePosts,
  captureResponses,
  clusterPick,
  type Harness,
  messageEvent,
  postBlockAction,
  postCommand,
  postEvent,
  RESPONSE_HOST,
  startHarness,
  waitFor,
} from '../slack/harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  nock.cleanAll();
});

async function start(ready: () => string | undefined, details: () => string[] = () => []) {
  const kb: Catalog = await shippedKnowledge();
  const metrics = new Metrics(false);
  const broken = {
    '/api/v1/namespaces/kube-system/serviceaccounts/aws-node': fx.awsNodeServiceAccount(),
    '/api/v1/nodes': fx.list([fx.node('n1', 'False', 'cni plugin not initialized')]),
    '/apis/apps/v1/namespaces/kube-system/daemonsets': fx.list([]),
  };
  harness = await startHarness(
    kb,
    {
      metrics,
      clusters: {
        names: () => ['prod-eu'],
        allowedIn: () => ['prod-eu'],
        channelPolicy: () => 'every channel → prod-eu',
        unknownCluster: (name) => `unknown cluster "${name}"`,
        reader: (name) => fakeReader(broken, name),
        refusedContexts: () => [],
      },
    },
    { customRoutes: healthRoutes({ notReady: ready, details }, metrics) },
  );
  return { base: harness.url.replace('/slack/events', ''), harness };
}

describe('health and metrics routes', () => {
  it('/metrics exposes diagnoses and verifications after one of each', async () => {
    const { base, harness: h } = await start(() => undefined);
    const { posts } = capturePosts(2);
    await postEvent(h.url, messageEvent('install-cni: Unable to create token for CNI kubeconfig error=Unauthorized'));
    await waitFor(() => posts.length === 1);
    await postBlockAction(h.url, clusterPick('vpc-cni-irsa-annotation-missing', 'prod-eu'), {
      message: { type: 'message', ts: '1.1', text: 'x' },
    });
    await waitFor(() => posts.length === 2);
    const body = await (await fetch(`${base}/metrics`)).text();
    expect(body).toContain('kubetriage_diagnoses_total{verdict="match",incident="kops-sa-issuer-change"} 1');
    expect(body).toContain('kubetriage_verifications_total{verdict="confirmed",cluster="prod-eu"} 1');
    expect(body).toMatch(/kubetriage_check_duration_seconds_count\{check="serviceaccount-annotation"\} 1/);
    expect(body).not.toMatch(/U7|install-cni: Unable/); // no user ids or pasted text as labels
  });

  it('/metrics answers what operators ask: events answered and ignored (why), replies, commands, presses, feedback, latency', async () => {
    const { base, harness: h } = await start(() => undefined);
    const { posts } = capturePosts(1);
    await postEvent(h.url, messageEvent('install-cni: Unable to create token for CNI kubeconfig error=Unauthorized'));
    await waitFor(() => posts.length === 1);
    await postEvent(h.url, messageEvent('deploy bot says hi', { bot_id: 'B999' }));
    await postEvent(h.url, messageEvent('lunch at noon?'));
    captureResponses('/commands/metrics-runbook');
    await postCommand(h.url, { command: '/runbook', text: 'etcd space', response_url: `${RESPONSE_HOST}/commands/metrics-runbook` });
    captureResponses('/actions/metrics-feedback');
    await postBlockAction(
      h.url,
      { type: 'button', action_id: ACTION.helpful, value: encodeValue({ incident: 'kops-sa-issuer-change', paste: 'p' }) },
      { response_url: `${RESPONSE_HOST}/actions/metrics-feedback` },
    );
    const text = async () => (await fetch(`${base}/metrics`)).text();
    let body = await text();
    // the presses are handled after their ack: wait on the last one's series, not a fixed sleep
    for (const until = Date.now() + 3000; !body.includes('kubetriage_feedback_total{outcome="helpful"} 1') && Date.now() < until; )
      body = await text();
    expect(body).toContain('kubetriage_slack_events_total{event="message",outcome="answered",reason="match"} 1');
    expect(body).toContain('kubetriage_slack_events_total{event="message",outcome="ignored",reason="bot"} 1');
    expect(body).toContain('kubetriage_slack_events_total{event="message",outcome="ignored",reason="not-confident"} 1');
    expect(body).toContain('kubetriage_slack_replies_total{kind="diagnosis"} 1');
    expect(body).toContain('kubetriage_slack_interactions_total{type="command",name="/runbook"} 1');
    expect(body).toContain(`kubetriage_slack_interactions_total{type="action",name="${ACTION.helpful}"} 1`);
    expect(body).toContain('kubetriage_feedback_total{outcome="helpful"} 1');
    expect(body).toMatch(/kubetriage_paste_reply_seconds_count 1\b/);
  });

  it('/healthz answers while /readyz reflects real state', async () => {
    let reason: string | undefined = 'Slack is connecting';
    const { base } = await start(() => reason);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    reason = undefined;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('/readyz stays 200 while a refused knowledge reload is reported in its body', async () => {
    const { CatalogHolder } = await import('../../src/triage/catalog-holder.js');
    const { knowledgeDir, incidentData } = await import('../helpers/kb.js');
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one', { severity: 'apocalyptic' }) });
    const holder = new CatalogHolder(dir, await shippedKnowledge());
    await holder.reload();
    const { base } = await start(
      () => undefined,
      () => holder.readinessDetails(),
    );
    const answer = await fetch(`${base}/readyz`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toMatch(
      /^ready\nknowledge: the reload at \S+ was refused, the previous knowledge base keeps serving:\n {2}\S+alpha-one\.yaml: severity: /,
    );
  });
});
