/**
 * Verifications against API output in the shape kube-apiserver sends (test/fixtures/api/), not
 * objects written to suit the checks: real List kinds, labels, events of other reasons beside the
 * ones asked for, pods of other apps in the same namespace. The fake applies the selectors, so
 * every verdict here depends on the checks asking for the right objects.
 */
import { describe, expect, it } from 'vitest';
import * as api from '../fixtures/api-output.js';
import * as fx from '../fixtures/cluster-objects.js';
import { shippedKnowledge, verifyShipped } from '../helpers/kb.js';
import { type Answer, fakeReader } from './fake-reader.js';

const CLUSTER: Record<string, Answer> = {
  '/api/v1/namespaces/kube-system/pods': api.kubeSystemPods(),
  '/api/v1/events': api.events(),
  '/api/v1/nodes': api.nodes(),
  '/apis/apps/v1/namespaces/kube-system/daemonsets': api.daemonSets(),
  '/.well-known/openid-configuration': { issuer: 'https://api.internal.prod.example.com' },
  '/api/v1/namespaces/kube-system/serviceaccounts/aws-node': fx.awsNodeServiceAccount(),
  ...fx.calicoInstallCniLog('unauthorized'),
};

const VERDICTS: Array<[string, 'confirmed' | 'refuted', string]> = [
  ['kops-sa-issuer-change', 'confirmed', 'one issuer on the kOps apiserver, install-cni failing Unauthorized'],
  ['cni-plugin-not-initialized', 'confirmed', 'worker-1 is NotReady: cni plugin not initialized'],
  ['vpc-cni-irsa-annotation-missing', 'confirmed', 'aws-node has no role annotation and a node waits for the CNI'],
  ['multus-thin-token-expiry', 'refuted', 'Multus is thin, but the only Unauthorized event is an image pull, not a sandbox'],
  ['calico-node-not-running-nodename-missing', 'refuted', 'the nodename sandbox failure is there, but calico-node is only initializing'],
];

describe.each(VERDICTS)('%s on real-shaped API output', (id, verdict, why) => {
  it(`is ${verdict}: ${why}`, async () => {
    const incident = (await shippedKnowledge()).byId.get(id);
    if (!incident) throw new Error(`no incident ${id}`);
    const report = await verifyShipped(incident, fakeReader(CLUSTER));
    expect(report.verdict, JSON.stringify(report.checks, null, 1)).toBe(verdict);
  });
});

it('the kops verification reads only the apiserver and calico-node pods it asked for', async () => {
  const incident = (await shippedKnowledge()).byId.get('kops-sa-issuer-change');
  const report = await verifyShipped(incident ?? (undefined as never), fakeReader(CLUSTER));
  const objects = report.checks.flatMap((c) => c.observations.map((e) => e.object));
  expect(objects).toEqual([
    'kube-system/pod/kube-apiserver-i-0a1b2c3d4e5f',
    'kube-system/pods k8s-app=calico-node',
    'kube-system/pod/calico-node-x7k2p',
    'kube-system/pod/calico-node-x7k2p',
    '/.well-known/openid-configuration',
  ]);
});
