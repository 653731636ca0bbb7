import { afterEach, describe, expect, it } from 'vitest';
import { ClusterRegistry } from '../../src/cluster/registry.js';
import * as fx from '../fixtures/cluster-objects.js';
import { shippedKnowledge, verifyShipped } from '../helpers/kb.js';
import { type FakeApiServer, type Route, startFakeApiServer } from './fake-apiserver.js';

const SA = '/api/v1/namespaces/kube-system/serviceaccounts/aws-node';
const HEALTHY_OTHERS: Record<string, Route> = {
  '/api/v1/nodes': { body: fx.list([fx.node('ip-10-0-1-23.ec2.internal', 'False', 'cni plugin not initialized')]) },
  '/apis/apps/v1/namespaces/kube-system/daemonsets': {
    body: fx.list([fx.daemonSet('aws-node', 'kube-system', 'amazon-k8s-cni:v1.15.1-eksbuild.1', {})]),
  },
};

let server: FakeApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** One faulty answer for the ServiceAccount read; the other checks answer normally. */
const FAULTS: Array<[string, Route, RegExp]> = [
  ['401', { status: 401, body: { kind: 'Status', message: 'Unauthorized' } }, /unauthorized/],
  [
    '403',
    {
      status: 403,
      body: {
        kind: 'Status',
        message:
          'serviceaccounts "aws-node" is forbidden: User "system:serviceaccount:kubetriage:kubetriage" cannot get resource "serviceaccounts"',
      },
    },
    /forbidden: .*cannot get resource "serviceaccounts"/,
  ],
  ['404', { status: 404, body: { kind: 'Status', message: 'serviceaccounts "aws-node" not found' } }, /not-found/],
  ['429', { status: 429, body: { kind: 'Status', message: 'Too many requests' } }, /unreachable: the API server answered 429/],
  ['500', { status: 500, body: { kind: 'Status', message: 'etcdserver: request timed out' } }, /unreachable: the API server answered 500/],
  ['truncated JSON', { raw: '{"kind":"ServiceAccount","metadata":{"name":"aws-' }, /malformed/],
  ['a reset connection', { reset: true }, /unreachable/],
  ['a hang after accepting', { hang: true }, /timeout/],
  ['a slow answer past the request timeout', { delayMs: 3000, body: fx.awsNodeServiceAccount() }, /timeout/],
  ['a 40 MB answer', { hugeBytes: 40 * 1024 * 1024 }, /malformed: the response is larger than 32 MB/],
];

describe('cluster fault injection (real client-node, loopback HTTPS)', () => {
  it.each(FAULTS)('%s: inconclusive with the reason, within the budget, others still report', async (_, fault, reason) => {
    server = await startFakeApiServer({ ...HEALTHY_OTHERS, [SA]: fault });
    const registry = ClusterRegistry.load({
      kubeconfigPaths: [await server.kubeconfig()],
      allowed: [],
      channelClusters: {},
      requestTimeoutMs: 800,
      allowExecAuth: false,
    });
    const incident = (await shippedKnowledge()).byId.get('vpc-cni-irsa-annotation-missing');
    const reader = registry.reader('test-cluster');
    if (!incident || !reader) throw new Error('fixture missing');
    const started = Date.now();
    const report = await verifyShipped(incident, reader, { budgetMs: 2000 });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(report.verdict).toBe('inconclusive');
    expect(report.reasons.join(' ')).toMatch(reason);
    expect(report.checks.find((c) => c.id === 'node-condition')?.status).toBe('present');
  });

  it('a server with a certificate from another CA is a TLS failure for every check', async () => {
    server = await startFakeApiServer({ ...HEALTHY_OTHERS, [SA]: { body: fx.awsNodeServiceAccount() } });
    const registry = ClusterRegistry.load({
      kubeconfigPaths: [await server.kubeconfig({ ca: 'wrong' })],
      allowed: [],
      channelClusters: {},
      requestTimeoutMs: 800,
      allowExecAuth: false,
    });
    const incident = (await shippedKnowledge()).byId.get('vpc-cni-irsa-annotation-missing');
    const report = await verifyShipped(incident ?? (undefined as never), registry.reader('test-cluster') ?? (undefined as never));
    expect(report.verdict).toBe('inconclusive');
    expect(report.checks.every((c) => c.status === 'unknown' && /tls/.test(c.reason ?? ''))).toBe(true);
  });
});
