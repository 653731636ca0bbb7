/**
 * `scan` on fake clusters in the API server's shapes: the live seeds are found with where they
 * were seen, their healthy twins are not, and faults (403, 404, hangs, huge logs) become reasons
 * in the report within the budget.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { scanCluster } from '../../src/scan/scan.js';
import { SCAN_FORMAT_VERSION } from '../../src/scan/types.js';
import { type Answer, fakeReader, HANG } from '../checks/fake-reader.js';
import { type FakeApiServer, startFakeApiServer } from '../cluster/fake-apiserver.js';
import { awsNodeCluster, cluster, kopsCalicoCluster, multusCluster, node, onePodLogging, type Routes } from '../fixtures/live-cluster.js';
import { memoryIo } from '../helpers/io.js';
import { shippedKnowledge } from '../helpers/kb.js';

const scan = async (routes: Record<string, Answer>, budgetMs = 5000) =>
  scanCluster(fakeReader(routes, 'prod-eu'), await shippedKnowledge(), { budgetMs, namespaces: ['kube-system', 'ingress-nginx'] });

const SICK: Array<[string, () => Routes, () => Routes, RegExp]> = [
  [
    'kops-sa-issuer-change',
    () => kopsCalicoCluster('issuer-changed'),
    () => kopsCalicoCluster('healthy'),
    /^1 of 3 pod\(s\) of kube-system\/DaemonSet\/calico-node, on i-0a1b2c3d4e5f \(control-plane\); seen in logs; first seen \d+ min ago$/,
  ],
  [
    'multus-thin-token-expiry',
    () => multusCluster('token-expired'),
    () => multusCluster('healthy'),
    /^3 object\(s\) in demo, on worker-1 \(worker\); seen in events; first seen 14 min ago$/,
  ],
  [
    'vpc-cni-irsa-annotation-missing',
    () => awsNodeCluster('missing-permissions'),
    () => awsNodeCluster('healthy'),
    /^2 of 2 pod\(s\) of kube-system\/DaemonSet\/aws-node, on ip-10-0-1-23\.ec2\.internal, ip-10-0-2-45\.ec2\.internal; seen in events and logs; first seen 14 min ago; explains cni-plugin-not-initialized: /,
  ],
];

describe('scan finds the live seeds, and not their healthy twins', () => {
  it.each(SICK)('%s', async (id, sick, healthy, where) => {
    const report = await scan(sick());
    expect(report.findings.map((f) => f.incident)).toEqual([id]);
    expect(report.findings[0]?.scope.summary).toMatch(where);
    expect(report.findings[0]?.evidence.length).toBeGreaterThan(0);
    expect(report).toMatchObject({ formatVersion: SCAN_FORMAT_VERSION, cluster: 'prod-eu', complete: true, unread: [] });
    const twin = await scan(healthy());
    expect(twin.findings).toEqual([]);
    expect(twin.complete).toBe(true);
  });

  it('a generic entry explained by the specific one is folded into it, not listed beside it', async () => {
    const [finding] = (await scan(awsNodeCluster('missing-permissions'))).findings;
    expect(finding?.explains).toEqual(['cni-plugin-not-initialized']);
    expect(finding?.scope.sources).toEqual(['events', 'logs', 'nodes']);
    expect(finding?.scope.objects).toContain('node/ip-10-0-1-23.ec2.internal');
  });

  it('an image pull back-off in the events is a finding of its own, with the pod it was seen on', async () => {
    const routes = cluster({
      nodes: [node('worker-1', ['worker'])],
      pods: [],
      events: [
        {
          namespace: 'demo',
          kind: 'Pod',
          name: 'web-6d4cf56db6-abcde',
          reason: 'BackOff',
          message: 'Back-off pulling image "example/web:v2"',
          count: 3,
        },
      ],
    });
    const report = await scan(routes);
    expect(report.findings.map((f) => f.incident)).toEqual(['image-pull-backoff-generic']);
    expect(report.findings[0]?.scope.objects).toEqual(['demo/pod/web-6d4cf56db6-abcde']);
  });

  it('a different incident on the same pods is reported as that one (install-cni forbidden: RBAC, not the issuer)', async () => {
    const report = await scan(kopsCalicoCluster('rbac-forbidden'));
    expect(report.findings.map((f) => f.incident)).toEqual(['rbac-serviceaccount-forbidden']);
  });

  it('shows only redacted text', async () => {
    const routes = awsNodeCluster('missing-permissions');
    const log = routes['/api/v1/namespaces/kube-system/pods/aws-node-lps4s/log'] as {
      containers: Record<string, { current: Array<{ text: string }> }>;
    };
    const line = log.containers['aws-node']?.current[1];
    if (line) line.text = `${line.text.slice(0, -2)} token=ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"}`;
    const report = await scan(routes);
    expect(JSON.stringify(report)).not.toContain('ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8');
  });
});

describe('scan with faults: each becomes a reason, within the budget', () => {
  it('403 on pods/log: the events still find the incident, and the logs are listed as unread', async () => {
    const routes: Record<string, Answer> = { ...awsNodeCluster('missing-permissions') };
    for (const path of Object.keys(routes))
      if (path.endsWith('/log')) routes[path] = { fail: 'forbidden', message: 'cannot get resource "pods/log"' };
    const report = await scan(routes);
    expect(report.findings.map((f) => f.incident)).toEqual(['vpc-cni-irsa-annotation-missing']);
    expect(report.unread).toEqual([
      { what: '6 container log(s)', reason: expect.stringMatching(/^kube-system\/aws-node-\w+\/aws-vpc-cni-init: forbidden: /) },
    ]);
  });

  it('a namespace not granted is unread with how to grant it; one that does not exist is not mentioned', async () => {
    const report = await scan({
      ...kopsCalicoCluster('healthy'),
      '/api/v1/namespaces/ingress-nginx/pods': { fail: 'forbidden', message: 'forbidden' },
    });
    expect(report.unread).toEqual([{ what: 'logs in ingress-nginx', reason: expect.stringMatching(/^not granted/) }]);
    const absent = await scan(kopsCalicoCluster('healthy'));
    expect(absent.unread).toEqual([]);
  });

  it('events forbidden in both APIs: partial, and nothing found is not "all clear"', async () => {
    const forbidden = { fail: 'forbidden' as const, message: 'events is forbidden' };
    const report = await scan({ ...kopsCalicoCluster('healthy'), '/apis/events.k8s.io/v1/events': forbidden, '/api/v1/events': forbidden });
    expect(report.complete).toBe(false);
    expect(report.unread[0]).toMatchObject({ what: 'Warning events', reason: expect.stringMatching(/^forbidden/) });
  });

  it('an unreachable cluster ends after the first read, inconclusive', async () => {
    const report = await scan({ '/api/v1/nodes': { fail: 'unreachable', message: 'cannot connect (ECONNREFUSED)' } });
    expect(report).toMatchObject({
      complete: false,
      findings: [],
      unread: [{ what: 'nodes', reason: 'unreachable: cannot connect (ECONNREFUSED)' }],
    });
  });

  it('hanging log reads end at the budget: what was read is reported, the rest named', async () => {
    const routes: Record<string, Answer> = { ...multusCluster('token-expired') };
    for (const path of Object.keys(routes)) if (path.endsWith('/log')) routes[path] = HANG;
    const started = performance.now();
    const report = await scan(routes, 400);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(report.findings.map((f) => f.incident)).toEqual(['multus-thin-token-expiry']);
    expect(report.unread.map((u) => u.reason).join(' ')).toMatch(/timeout/);
  });
});

let server: FakeApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const overHttps = (routes: Routes) => Object.fromEntries(Object.entries(routes).map(([path, body]) => [path, { body }]));

describe('kubetriage scan (through client-node and a loopback HTTPS API server)', () => {
  it('prints the findings as JSON with a format version, exits 1, and sends only GETs', async () => {
    server = await startFakeApiServer(overHttps(kopsCalicoCluster('issuer-changed')));
    const io = memoryIo();
    const env = { KUBECONFIG: await server.kubeconfig({ context: 'prod-eu' }) };
    expect(await runCli(['scan', '--cluster', 'prod-eu', '--json'], io, env)).toBe(1);
    const report = JSON.parse(io.stdout[0] ?? '{}');
    expect(report).toMatchObject({
      formatVersion: 1,
      cluster: 'prod-eu',
      complete: true,
      findings: [{ incident: 'kops-sa-issuer-change', severity: 'critical' }],
    });
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(server.requests.some((r) => r.path.includes('/log?') && r.path.includes('limitBytes='))).toBe(true);
    expect(io.stderr).toEqual([]);
  });

  it('shows a status line per phase on a watched stderr and clears it, the JSON untouched', async () => {
    server = await startFakeApiServer(overHttps(kopsCalicoCluster('issuer-changed')));
    const status: string[] = [];
    const io = { ...memoryIo(), progress: (line: string) => status.push(line) };
    const env = { KUBECONFIG: await server.kubeconfig({ context: 'prod-eu' }) };
    expect(await runCli(['scan', '--cluster', 'prod-eu', '--json'], io, env)).toBe(1);
    expect(status).toEqual(
      expect.arrayContaining(['scan: reading nodes', 'scan: reading events', expect.stringMatching(/^scan: reading logs \d+\/\d+$/)]),
    );
    expect(status.at(-1)).toBe('');
    expect(JSON.parse(io.stdout[0] ?? '{}').formatVersion).toBe(1);
  });

  it('a healthy cluster: "No known incident found" with what was read, exit 0', async () => {
    server = await startFakeApiServer(overHttps(kopsCalicoCluster('healthy')));
    const io = memoryIo();
    const env = { KUBECONFIG: await server.kubeconfig({ context: 'prod-eu' }) };
    expect(await runCli(['scan', '--cluster', 'prod-eu'], io, env)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(
      /^No known incident found on prod-eu\.\nread 3 node\(s\), 0 Warning event\(s\) \(events\.k8s\.io\/v1\), \d+ log\(s\) of 3 pod\(s\) in kube-system/,
    );
  });

  it('a 40 MB events answer is cut at the transport cap and becomes a reason; the logs still find the incident', async () => {
    const routes = { ...overHttps(kopsCalicoCluster('issuer-changed')), '/apis/events.k8s.io/v1/events': { hugeBytes: 40 * 1024 * 1024 } };
    server = await startFakeApiServer(routes);
    const io = memoryIo();
    const env = { KUBECONFIG: await server.kubeconfig({ context: 'prod-eu' }) };
    expect(await runCli(['scan', '--cluster', 'prod-eu', '--json'], io, env)).toBe(1);
    const report = JSON.parse(io.stdout[0] ?? '{}');
    expect(report.complete).toBe(false);
    expect(report.unread).toEqual([{ what: 'Warning events', reason: 'malformed: the response is larger than 32 MB' }]);
    expect(report.findings.map((f: { incident: string }) => f.incident)).toEqual(['kops-sa-issuer-change']);
  });

  it('an unknown cluster is refused naming the allowed ones (exit 2)', async () => {
    server = await startFakeApiServer({});
    const io = memoryIo();
    const env = { KUBECONFIG: await server.kubeconfig({ context: 'prod-eu' }) };
    expect(await runCli(['scan', '--cluster', 'prod-us'], io, env)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/unknown cluster "prod-us"; allowed: prod-eu/);
  });
});

describe('logs are read as the paste of the command that printed them', () => {
  it("finds the ingress controller's read timeout, which needs the paste to show Kubernetes, on the log's own line", async () => {
    const timeout =
      '2024/03/04 10:11:12 [error] 31#31: *901 upstream timed out (110: Operation timed out) while reading response header from upstream, client: 10.0.0.7, server: shop.example.com, request: "GET /slow HTTP/1.1", upstream: "http://10.244.6.15:8080/slow", host: "shop.example.com"';
    const routes = onePodLogging(
      [node('cp-1', ['control-plane']), node('worker-1', ['worker'])],
      {
        namespace: 'ingress-nginx',
        name: 'ingress-nginx-controller-7d9f8b6c5-q2w8e',
        node: 'worker-1',
        owner: { kind: 'ReplicaSet', name: 'ingress-nginx-controller-7d9f8b6c5' },
        labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
        containers: ['controller'],
      },
      ['I0304 10:11:00.000000 7 controller.go:190] "Backend successfully reloaded"', timeout],
    );
    const report = await scan(routes);
    const finding = report.findings.find((f) => f.incident === 'ingress-nginx-504-upstream-timeout');
    expect(finding?.evidence[0]).toMatchObject({
      source: 'logs',
      object: 'ingress-nginx/pod/ingress-nginx-controller-7d9f8b6c5-q2w8e controller',
    });
    expect(finding?.evidence[0]?.text).toContain('upstream timed out (110: Operation timed out)');
    // one log line, however many of the entry's signatures read it
    expect(finding?.scope.occurrences).toBe(1);
  });
});
