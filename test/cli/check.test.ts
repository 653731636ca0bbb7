import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { type FakeApiServer, startFakeApiServer } from '../cluster/fake-apiserver.js';
import * as fx from '../fixtures/cluster-objects.js';
import { memoryIo } from '../helpers/io.js';

let server: FakeApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const VPC_BROKEN = {
  '/api/v1/namespaces/kube-system/serviceaccounts/aws-node': { body: fx.awsNodeServiceAccount() },
  '/api/v1/nodes': {
    body: fx.list([
      fx.node(
        'ip-10-0-1-23.ec2.internal',
        'False',
        'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
      ),
    ]),
  },
  '/apis/apps/v1/namespaces/kube-system/daemonsets': {
    body: fx.list([
      fx.daemonSet('aws-node', 'kube-system', '602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:v1.15.1-eksbuild.1', {}),
    ]),
  },
};

describe('kubetriage check (end to end through client-node and a loopback HTTPS API server)', () => {
  it('prints the verdict and each check with its evidence as JSON', async () => {
    server = await startFakeApiServer(VPC_BROKEN);
    const io = memoryIo();
    const env = { KUBECONFIG: await server.kubeconfig({ context: 'prod-eu' }) };
    // confirmed is a finding: exit 1, so a gate can act on it
    expect(await runCli(['check', '--cluster', 'prod-eu', '--incident', 'vpc-cni-irsa-annotation-missing', '--json'], io, env)).toBe(1);
    const report = JSON.parse(io.stdout[0] ?? '{}');
    expect(report).toMatchObject({ cluster: 'prod-eu', incident: 'vpc-cni-irsa-annotation-missing', verdict: 'confirmed' });
    expect(report.checks.map((c: { id: string }) => c.id)).toEqual([
      'serviceaccount-annotation',
      'node-condition',
      'live-events',
      'live-logs',
      'workload-image',
    ]);
    expect(report.checks[0].observations[0]).toMatchObject({ object: 'kube-system/serviceaccount/aws-node', observed: null });
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('an EKS-only incident on a kOps cluster is not applicable (exit 4), saying which condition and which evidence', async () => {
    const kopsNode = fx.node('i-0a1b2c.eu-west-1.compute.internal', 'True', undefined, { 'kops.k8s.io/instancegroup': 'nodes' });
    server = await startFakeApiServer({ ...VPC_BROKEN, '/api/v1/nodes': { body: fx.list([kopsNode]) } });
    const io = memoryIo();
    const env = { KUBECONFIG: await server.kubeconfig({ context: 'prod-eu' }) };
    expect(await runCli(['check', '--cluster', 'prod-eu', '--incident', 'vpc-cni-irsa-annotation-missing', '--json'], io, env)).toBe(4);
    const report = JSON.parse(io.stdout[0] ?? '{}');
    expect(report).toMatchObject({ verdict: 'not-applicable', checks: [] });
    expect(report.reasons[0]).toMatch(/applies only to eks clusters; prod-eu is kops \(nodes carry kops\.k8s\.io\/instancegroup\)/);
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
    const text = memoryIo();
    await runCli(['check', '--cluster', 'prod-eu', '--incident', 'vpc-cni-irsa-annotation-missing'], text, env);
    expect(text.stdout.join('\n')).toMatch(/^NOT APPLICABLE vpc-cni-irsa-annotation-missing on prod-eu/m);
  });

  it('the same incident on an EKS cluster is checked as usual', async () => {
    const eksNode = fx.node(
      'ip-10-0-1-23.ec2.internal',
      'False',
      'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
      { 'eks.amazonaws.com/nodegroup': 'ng-1' },
    );
    server = await startFakeApiServer({ ...VPC_BROKEN, '/api/v1/nodes': { body: fx.list([eksNode]) } });
    const io = memoryIo();
    const env = { KUBECONFIG: await server.kubeconfig({ context: 'prod-eu' }) };
    expect(await runCli(['check', '--cluster', 'prod-eu', '--incident', 'vpc-cni-irsa-annotation-missing', '--json'], io, env)).toBe(1);
    expect(JSON.parse(io.stdout[0] ?? '{}').verdict).toBe('confirmed');
  });

  it('a hanging API server gives inconclusive: timeout within the budget, and the other checks still report', async () => {
    server = await startFakeApiServer({ ...VPC_BROKEN, '/api/v1/nodes': { hang: true } });
    const io = memoryIo();
    const env = { KUBECONFIG: await server.kubeconfig(), KUBETRIAGE_REQUEST_TIMEOUT_MS: '500', KUBETRIAGE_CHECK_BUDGET_MS: '2000' };
    const started = Date.now();
    expect(await runCli(['check', '--cluster', 'test-cluster', '--incident', 'vpc-cni-irsa-annotation-missing', '--json'], io, env)).toBe(
      3,
    );
    expect(Date.now() - started).toBeLessThan(2500);
    const report = JSON.parse(io.stdout[0] ?? '{}');
    expect(report.verdict).toBe('inconclusive');
    expect(report.checks.find((c: { id: string }) => c.id === 'node-condition')).toMatchObject({
      status: 'unknown',
      reason: expect.stringContaining('timeout'),
    });
    expect(report.checks.find((c: { id: string }) => c.id === 'serviceaccount-annotation')).toMatchObject({ status: 'present' });
  });

  it('an unknown cluster exits non-zero listing the allowed names', async () => {
    server = await startFakeApiServer();
    const io = memoryIo();
    const env = { KUBECONFIG: await server.kubeconfig({ context: 'prod-eu' }) };
    expect(await runCli(['check', '--cluster', 'nope', '--incident', 'kops-sa-issuer-change'], io, env)).toBe(2);
    expect(io.stderr.join('')).toContain('unknown cluster "nope"; allowed: prod-eu');
  });

  it('diagnose --cluster verifies a confident match', async () => {
    server = await startFakeApiServer(VPC_BROKEN);
    const io = memoryIo(
      'Unauthorized operation: failed to call ec2:DescribeNetworkInterfaces due to missing permissions\ncni plugin not initialized',
    );
    const env = { KUBECONFIG: await server.kubeconfig({ context: 'prod-eu' }) };
    await runCli(['diagnose', '--json', '--cluster', 'prod-eu'], io, env);
    const out = JSON.parse(io.stdout[0] ?? '{}');
    expect(out.matches[0].id).toBe('vpc-cni-irsa-annotation-missing');
    expect(out.verification).toMatchObject({ verdict: 'confirmed', cluster: 'prod-eu' });
  });

  it('clusters lists each allowed cluster and whether it answers', async () => {
    server = await startFakeApiServer({ '/version': { body: { gitVersion: 'v1.28.3-eks-4f4795d' } } });
    const io = memoryIo();
    await runCli(['clusters', '--json'], io, { KUBECONFIG: await server.kubeconfig({ context: 'prod-eu' }) });
    expect(JSON.parse(io.stdout[0] ?? '[]')).toEqual([{ name: 'prod-eu', reachable: true, version: 'v1.28.3-eks-4f4795d' }]);
  });
});

describe('kubetriage upgrade-check (end to end)', () => {
  const PSP_METRIC =
    'apiserver_requested_deprecated_apis{group="policy",removed_release="1.25",resource="podsecuritypolicies",subresource="",version="v1beta1"} 1\n';
  const routes = (metrics: string) => ({
    '/version': { body: { gitVersion: 'v1.24.9' } },
    '/metrics': { raw: metrics },
    '/api/v1/nodes': { body: fx.list([fx.node('node-1', 'True')]) },
    '/apis/apps/v1/daemonsets': { body: fx.list([]) },
    '/apis/apps/v1/namespaces/kube-system/deployments': { body: fx.list([]) },
    '/api/v1/namespaces/kube-system/pods': { body: fx.list([]) },
  });

  it('exits 1 with a Required finding, prints the documented JSON', async () => {
    server = await startFakeApiServer(routes(PSP_METRIC));
    const io = memoryIo();
    const code = await runCli(['upgrade-check', '--cluster', 'prod-eu', '--to', '1.25', '--json'], io, {
      KUBECONFIG: await server.kubeconfig({ context: 'prod-eu' }),
    });
    expect(code).toBe(1);
    const report = JSON.parse(io.stdout[0] ?? '{}');
    expect(report).toMatchObject({ cluster: 'prod-eu', current: '1.24.9', target: '1.25', distribution: 'unknown' });
    expect(report.findings[0]).toMatchObject({
      id: 'removed-api:policy/v1beta1/podsecuritypolicies',
      priority: 'required',
      title: expect.any(String),
      observations: expect.any(Array),
    });
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('exits 0 when nothing Required is found', async () => {
    server = await startFakeApiServer(routes('# nothing deprecated requested\n'));
    const io = memoryIo();
    expect(
      await runCli(['upgrade-check', '--cluster', 'prod-eu', '--to', '1.25'], io, {
        KUBECONFIG: await server.kubeconfig({ context: 'prod-eu' }),
      }),
    ).toBe(0);
    expect(io.stdout.join('\n')).toContain('No known risk found');
  });
});
