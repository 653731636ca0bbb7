/**
 * The live checks on fake clusters in the API server's shapes: each seed that is live is found
 * with its scope, its healthy twin is not, and what cannot be read becomes a reason.
 */
import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../src/checks/check.js';
import { liveEvents } from '../../src/checks/live-events.js';
import { liveLogs } from '../../src/checks/live-logs.js';
import { recogniseIncident } from '../../src/diagnose/recognise.js';
import { awsNodeCluster, kopsCalicoCluster, multusCluster } from '../fixtures/live-cluster.js';
import { shippedKnowledge, verifyShipped } from '../helpers/kb.js';
import { type Answer, fakeReader } from './fake-reader.js';

const signal = new AbortController().signal;

async function knowledgeOf(id: string): Promise<CheckContext> {
  const kb = await shippedKnowledge();
  return { recognise: (text) => recogniseIncident(text, kb, id) };
}

const calicoParams = liveLogs.params.parse({ namespace: 'kube-system', labelSelector: 'k8s-app=calico-node', container: 'install-cni' });

describe('live-logs', () => {
  it("finds the kOps 401 in install-cni's logs, on the rolled control-plane node only, with the redacted line", async () => {
    const outcome = await liveLogs.run(
      fakeReader(kopsCalicoCluster('issuer-changed')),
      calicoParams,
      signal,
      await knowledgeOf('kops-sa-issuer-change'),
    );
    expect(outcome.status).toBe('present');
    expect(outcome.observations[0]?.observed).toMatch(
      /^1 of 3 pod\(s\) read show it \(3 match k8s-app=calico-node\); on node\(s\) i-0a1b2c3d4e5f \(control-plane\); first seen \d+ min ago$/,
    );
    expect(outcome.observations[1]).toMatchObject({
      object: 'kube-system/pod/calico-node-x7k2p',
      field: expect.stringMatching(/^log of install-cni( \(previous run\))? at /),
      observed: expect.stringContaining('Unable to create token for CNI kubeconfig error=Unauthorized'),
      expected: expect.stringMatching(/^signature install-cni-token-unauthorized/),
    });
  });

  it('is absent on the healthy twin, saying how much was read', async () => {
    const outcome = await liveLogs.run(
      fakeReader(kopsCalicoCluster('healthy')),
      calicoParams,
      signal,
      await knowledgeOf('kops-sa-issuer-change'),
    );
    expect(outcome).toMatchObject({
      status: 'absent',
      observations: [{ observed: expect.stringMatching(/^3 log\(s\) of 3 of 3 pod\(s\) read/) }],
    });
  });

  it('is absent when install-cni fails on RBAC (forbidden), a different incident', async () => {
    const outcome = await liveLogs.run(
      fakeReader(kopsCalicoCluster('rbac-forbidden')),
      calicoParams,
      signal,
      await knowledgeOf('kops-sa-issuer-change'),
    );
    expect(outcome.status).toBe('absent');
  });

  it('reads the previous run of a restarted container, and only the container it names', async () => {
    const reader = fakeReader(kopsCalicoCluster('issuer-changed'));
    await liveLogs.run(reader, calicoParams, signal, await knowledgeOf('kops-sa-issuer-change'));
    const logs = reader.asked.filter((p) => p.includes('/log?'));
    expect(logs.every((p) => p.includes('container=install-cni'))).toBe(true);
    expect(logs.filter((p) => p.includes('previous=true'))).toEqual([expect.stringContaining('/pods/calico-node-x7k2p/log?')]);
  });

  it('a 403 on pods/log is unknown with the reason, never absent', async () => {
    const routes: Record<string, Answer> = { ...kopsCalicoCluster('healthy') };
    for (const path of Object.keys(routes))
      if (path.endsWith('/log'))
        routes[path] = { fail: 'forbidden', message: 'pods "calico-node-x7k2p" is forbidden: cannot get resource "pods/log"' };
    const outcome = await liveLogs.run(fakeReader(routes), calicoParams, signal, await knowledgeOf('kops-sa-issuer-change'));
    expect(outcome).toMatchObject({
      status: 'unknown',
      reason: expect.stringMatching(/^cannot read the logs of calico-node-\w+\/install-cni: forbidden: /),
    });
  });

  it('no pods is unknown naming the selector; outside a verification it says it needs the knowledge base', async () => {
    const empty = await liveLogs.run(
      fakeReader({ '/api/v1/namespaces/kube-system/pods': { items: [], metadata: {} } }),
      calicoParams,
      signal,
      await knowledgeOf('kops-sa-issuer-change'),
    );
    expect(empty).toMatchObject({ status: 'unknown', reason: 'no pod in kube-system matches k8s-app=calico-node' });
    const alone = await liveLogs.run(fakeReader(kopsCalicoCluster('issuer-changed')), calicoParams, signal);
    expect(alone).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/runs only inside a verification/) });
  });
});

describe('live-events', () => {
  const sandbox = liveEvents.params.parse({ reason: 'FailedCreatePodSandBox' });

  it('finds the Multus 401 in sandbox events with how many pods, where, since when', async () => {
    const outcome = await liveEvents.run(
      fakeReader(multusCluster('token-expired')),
      sandbox,
      signal,
      await knowledgeOf('multus-thin-token-expiry'),
    );
    expect(outcome.status).toBe('present');
    expect(outcome.observations[0]?.observed).toMatch(
      /^39 time\(s\) on 3 object\(s\) in 1 namespace\(s\); first seen 14 min ago, last 2 min ago$/,
    );
    expect(outcome.observations[1]?.observed).toMatch(
      /^Warning\s+FailedCreatePodSandBox\s+pod\/web-6d4cf56db6-abcde .*error getting pod: Unauthorized/,
    );
  });

  it('is absent when sandboxes fail for another CNI reason, and when there are none', async () => {
    for (const state of ['other-cni-error', 'healthy'] as const) {
      const outcome = await liveEvents.run(
        fakeReader(multusCluster(state)),
        sandbox,
        signal,
        await knowledgeOf('multus-thin-token-expiry'),
      );
      expect(outcome.status, state).toBe('absent');
    }
  });

  it('reads core/v1 events where events.k8s.io/v1 is not served', async () => {
    const routes = multusCluster('token-expired');
    delete routes['/apis/events.k8s.io/v1/events'];
    const reader = fakeReader(routes);
    const outcome = await liveEvents.run(reader, sandbox, signal, await knowledgeOf('multus-thin-token-expiry'));
    expect(outcome.status).toBe('present');
    expect(reader.asked).toEqual([
      '/apis/events.k8s.io/v1/events?fieldSelector=reason%3DFailedCreatePodSandBox&limit=500',
      '/api/v1/events?fieldSelector=reason%3DFailedCreatePodSandBox&limit=500',
    ]);
  });
});

describe('the seeds, verified end to end with the live checks', () => {
  it.each([
    ['kops-sa-issuer-change', () => kopsCalicoCluster('issuer-changed'), () => kopsCalicoCluster('healthy'), 'live-logs'],
    ['vpc-cni-irsa-annotation-missing', () => awsNodeCluster('missing-permissions'), () => awsNodeCluster('healthy'), 'live-events'],
    ['multus-thin-token-expiry', () => multusCluster('token-expired'), () => multusCluster('healthy'), 'live-events'],
  ])('%s: its live check is present with scope on the sick cluster and absent on the twin', async (id, sick, healthy, check) => {
    const incident = (await shippedKnowledge()).byId.get(id);
    if (!incident) throw new Error(id);
    const bad = await verifyShipped(incident, fakeReader(sick()));
    const good = await verifyShipped(incident, fakeReader(healthy()));
    const live = (r: typeof bad) => r.checks.find((c) => c.id === check);
    expect(live(bad)?.status, JSON.stringify(live(bad))).toBe('present');
    expect(live(bad)?.observations[0]?.field).toMatch(/^scope/);
    expect(live(good)?.status, JSON.stringify(live(good))).toBe('absent');
  });
});
