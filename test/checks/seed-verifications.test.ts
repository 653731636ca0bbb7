import { afterAll, describe, expect, it } from 'vitest';
import { refusalOf } from '../../src/cluster/path-policy.js';
import type { Incident } from '../../src/knowledge/schema.js';
import * as fx from '../fixtures/cluster-objects.js';
import { shippedKnowledge, verifyShipped } from '../helpers/kb.js';
import { ALL_READS, type Answer, FORBIDDEN, fakeReader, HANG } from './fake-reader.js';

const P = fx.kopsIssuerPaths;
// Data is keyed by path (the fake applies selectors); the exact URLs in P only aim faults at one request.
const KUBE_SYSTEM_PODS = '/api/v1/namespaces/kube-system/pods';
const NODES = '/api/v1/nodes';
const DAEMONSETS = '/apis/apps/v1/daemonsets';
const EVENTS = '/api/v1/events';

/** For each seed: a broken cluster, its healthy twin, and the read that, when forbidden or hanging, leaves it inconclusive. */
const SCENARIOS: Record<string, { broken: Record<string, Answer>; healthy: Record<string, Answer>; key: string }> = {
  'kops-sa-issuer-change': {
    broken: {
      [KUBE_SYSTEM_PODS]: fx.list([fx.kopsApiserverPod(['https://api.internal.prod.example.com']), fx.calicoNodePod('unauthorized')]),
      [P.oidc]: { issuer: 'https://api.internal.prod.example.com' },
      ...fx.calicoInstallCniLog('unauthorized'),
      [NODES]: fx.controlPlanes,
    },
    healthy: {
      // migration done right: old issuer still accepted next to the new one
      [KUBE_SYSTEM_PODS]: fx.list([
        fx.kopsApiserverPod(['https://api.internal.prod.example.com', 'https://master.prod.example.com']),
        fx.calicoNodePod('ok'),
      ]),
      [P.oidc]: { issuer: 'https://api.internal.prod.example.com' },
      ...fx.calicoInstallCniLog('ok'),
    },
    key: P.kops,
  },
  'kubespray-external-etcd-cert-path': {
    broken: {
      '/api/v1/namespaces/kube-system/configmaps/kubeadm-config': fx.kubeadmConfig('external-node-cert'),
      [NODES]: fx.controlPlanes,
    },
    healthy: { '/api/v1/namespaces/kube-system/configmaps/kubeadm-config': fx.kubeadmConfig('stacked'), [NODES]: fx.controlPlanes },
    key: '/api/v1/namespaces/kube-system/configmaps/kubeadm-config',
  },
  'multus-thin-token-expiry': {
    broken: {
      [DAEMONSETS]: fx.list([
        fx.daemonSet('kube-multus-ds', 'kube-system', 'ghcr.io/k8snetworkplumbingwg/multus-cni:v3.7.2', { app: 'multus' }),
      ]),
      [EVENTS]: fx.list([
        fx.sandboxEvent(
          'Failed to create pod sandbox: plugin type="multus" name="multus-cni-network" failed (add): Multus: [demo/web-6d4cf56db6-abcde/uid]: error getting pod: Unauthorized',
        ),
      ]),
    },
    healthy: {
      [DAEMONSETS]: fx.list([
        fx.daemonSet('kube-multus-ds', 'kube-system', 'ghcr.io/k8snetworkplumbingwg/multus-cni:v4.1.0-thick', { app: 'multus' }),
      ]),
      [EVENTS]: fx.list([]),
    },
    key: fx.multusDaemonSetsPath,
  },
  'okd-api-int-ca-rotation': {
    broken: {
      '/apis/config.openshift.io/v1/clusterversions/version': fx.clusterVersion([
        '4.15.0-0.okd-2024-03-10-010116',
        '4.14.0-0.okd-2023-12-01-225814',
        '4.7.0-0.okd-2021-03-07-090821',
      ]),
      '/api/v1/nodes': fx.list([fx.node('master-0', 'True'), fx.node('worker-0', 'Unknown', 'Kubelet stopped posting node status.')]),
      '/api/v1/namespaces/openshift-kube-apiserver-operator/configmaps/loadbalancer-serving-ca': fx.caBundleConfigMap(),
    },
    healthy: {
      '/apis/config.openshift.io/v1/clusterversions/version': fx.clusterVersion([
        '4.15.0-0.okd-2024-03-10-010116',
        '4.12.0-0.okd-2023-04-16-041331',
      ]),
      '/api/v1/nodes': fx.list([fx.node('master-0', 'True'), fx.node('worker-0', 'True')]),
      '/api/v1/namespaces/openshift-kube-apiserver-operator/configmaps/loadbalancer-serving-ca': fx.caBundleConfigMap(),
    },
    key: '/apis/config.openshift.io/v1/clusterversions/version',
  },
  'vpc-cni-irsa-annotation-missing': {
    broken: {
      '/api/v1/namespaces/kube-system/serviceaccounts/aws-node': fx.awsNodeServiceAccount(),
      '/api/v1/nodes': fx.list([
        fx.node(
          'ip-10-0-1-23.ec2.internal',
          'False',
          'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
        ),
      ]),
      '/apis/apps/v1/namespaces/kube-system/daemonsets': fx.list([
        fx.daemonSet('aws-node', 'kube-system', '602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:v1.15.1-eksbuild.1', {
          'k8s-app': 'aws-node',
        }),
      ]),
    },
    healthy: {
      '/api/v1/namespaces/kube-system/serviceaccounts/aws-node': fx.awsNodeServiceAccount(
        'arn:aws:iam::111122223333:role/AmazonEKSVPCCNIRole',
      ),
      '/api/v1/nodes': fx.list([fx.node('ip-10-0-1-23.ec2.internal', 'True')]),
      '/apis/apps/v1/namespaces/kube-system/daemonsets': fx.list([
        fx.daemonSet('aws-node', 'kube-system', '602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:v1.15.1-eksbuild.1', {
          'k8s-app': 'aws-node',
        }),
      ]),
    },
    key: '/api/v1/namespaces/kube-system/serviceaccounts/aws-node',
  },
};

async function incident(id: string): Promise<Incident> {
  const found = (await shippedKnowledge()).byId.get(id);
  if (!found) throw new Error(`no incident ${id}`);
  return found;
}

describe.each(Object.entries(SCENARIOS))('verification of %s', (id, scenario) => {
  it('is confirmed on the broken cluster, with evidence as data', async () => {
    const report = await verifyShipped(await incident(id), fakeReader(scenario.broken));
    expect(report.verdict, JSON.stringify(report.checks, null, 1)).toBe('confirmed');
    expect(report.checks.every((c) => c.observations.every((e) => typeof e.object === 'string' && typeof e.field === 'string'))).toBe(true);
  });

  it('is refuted on its healthy twin', async () => {
    const report = await verifyShipped(await incident(id), fakeReader(scenario.healthy));
    expect(report.verdict, JSON.stringify(report.checks, null, 1)).toBe('refuted');
  });

  it('is inconclusive, saying why, when a required read is forbidden', async () => {
    const report = await verifyShipped(await incident(id), fakeReader({ ...scenario.broken, [scenario.key]: FORBIDDEN }));
    expect(report.verdict).toBe('inconclusive');
    expect(report.reasons.join(' ')).toContain('forbidden');
  });

  it('is inconclusive within its budget when a read hangs, and the other checks still report', async () => {
    const started = performance.now();
    const report = await verifyShipped(await incident(id), fakeReader({ ...scenario.broken, [scenario.key]: HANG }), { budgetMs: 300 });
    // the budget is what ended it (not a quick failure), and it ended on time
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
    expect(performance.now() - started).toBeLessThan(300 + 400);
    expect(report.verdict).toBe('inconclusive');
    expect(report.reasons.join(' ')).toMatch(/: timeout: /);
    expect(report.checks.length).toBe((await incident(id)).verification?.checks.length);
  });
});

describe('read-only', () => {
  afterAll(() => {
    // Every path any check asked for in this file is a GET to an allowed path (the port has only get).
    for (const path of ALL_READS) expect(refusalOf('GET', path), path).toBeUndefined();
    expect(ALL_READS.length).toBeGreaterThan(20);
  });

  it('every seed has a verification that can confirm and refute it', async () => {
    for (const id of Object.keys(SCENARIOS)) expect((await incident(id)).verification?.checks.length, id).toBeGreaterThan(0);
  });
});
