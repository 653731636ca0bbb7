import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { runCli } from '../../src/cli/run.js';
import { paths } from '../../src/cluster/api-paths.js';
import { resolveApiUrl } from '../../src/cluster/path-policy.js';
import { ClusterRegistry, type ClusterSettings } from '../../src/cluster/registry.js';
import { scanCluster } from '../../src/scan/scan.js';
import { fakeReader } from '../checks/fake-reader.js';
import { memoryIo } from '../helpers/io.js';
import { incidentData, knowledgeDir, shippedKnowledge } from '../helpers/kb.js';
import { kubeconfigFor, type RecordingServer, recordingServer } from '../helpers/recording-apiserver.js';

const FORBIDDEN = ['secrets', 'exec', 'attach', 'portforward', 'proxy', 'token'];

const settings = (file: string, allowed: string[] = []): ClusterSettings => ({
  kubeconfigPaths: [file],
  allowed,
  channelClusters: {},
  requestTimeoutMs: 2000,
  allowExecAuth: false,
});

/** Decoded segments of a path actually received by a server. */
const segmentsOf = (requestLine: string) =>
  (requestLine.split(' ')[1] ?? '')
    .split('?')[0]
    ?.split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s).toLowerCase();
      } catch {
        return s.toLowerCase();
      }
    }) ?? [];

let api: RecordingServer;
let other: RecordingServer;

beforeAll(async () => {
  api = await recordingServer();
  other = await recordingServer();
});
afterAll(async () => {
  await api.close();
  await other.close();
});

describe('the final URL is what is judged', () => {
  it.each([
    ['a backslash path to a Secret', '/api/v1/namespaces/default\\secrets\\db'],
    ['another host after /\\', '/\\127.0.0.1:1/api/v1/nodes'],
    ['another host after //', '//127.0.0.1:1/api/v1/nodes'],
    ['a dot-dot climb to Secrets', '/api/v1/namespaces/default/pods/../secrets/db'],
    ['an encoded dot-dot', '/api/v1/namespaces/default/pods/%2e%2e/secrets'],
    ['a percent-encoded "secrets"', '/api/v1/namespaces/default/%73ecrets'],
    ['an encoded slash', '/api/v1/namespaces/default/secrets%2Fdb'],
    ['an upper-case "SECRETS"', '/api/v1/namespaces/default/SECRETS'],
    ['a fragment that would hide the rest', '/api/v1/namespaces/default/configmaps/x#/../../secrets'],
    ['a space', '/api/v1/namespaces/default/configmaps/a b'],
    ['exec over GET', '/api/v1/namespaces/default/pods/x/exec?command=sh'],
    ['a node proxy', '/api/v1/nodes/n1/proxy/pods'],
    ['a ServiceAccount token request', '/api/v1/namespaces/default/serviceaccounts/default/token'],
    ['a malformed escape', '/api/v1/namespaces/%zz/pods'],
  ])('refuses %s before any byte is sent', async (_, path) => {
    expect(resolveApiUrl('GET', 'https://10.0.0.1:6443', path)).toMatchObject({ ok: false });
    const before = api.seen.length + other.seen.length;
    const reader = ClusterRegistry.load(settings(await kubeconfigFor([{ name: 'c', server: api.origin }]))).reader('c');
    expect(await reader?.get(path)).toMatchObject({ ok: false, failure: 'refused-by-policy' });
    expect(api.seen.length + other.seen.length).toBe(before);
  });

  it('keeps a Rancher-style server path prefix', async () => {
    const server = `${api.origin}/k8s/clusters/c-x7k2p`;
    expect(resolveApiUrl('GET', server, '/api/v1/nodes?labelSelector=a%3Db')).toMatchObject({
      ok: true,
      url: new URL(`${api.origin}/k8s/clusters/c-x7k2p/api/v1/nodes?labelSelector=a%3Db`),
    });
    const reader = ClusterRegistry.load(settings(await kubeconfigFor([{ name: 'rancher', server }]))).reader('rancher');
    expect(await reader?.get('/version')).toMatchObject({ ok: true });
    expect(api.seen.at(-1)).toBe('GET /k8s/clusters/c-x7k2p/version');
  });

  it('property: no generated path ever reaches another origin or names a forbidden resource', async () => {
    const reader = ClusterRegistry.load(settings(await kubeconfigFor([{ name: 'c', server: api.origin }]))).reader('c');
    const otherHost = other.origin.replace('https://', '');
    const piece = fc.constantFrom(
      'api',
      'v1',
      'namespaces',
      'default',
      'pods',
      'configmaps',
      ...FORBIDDEN,
      'SeCrEtS',
      '%73ecrets',
      '%53ECRETS',
      '%2e%2e',
      '..',
      '.',
      '%2F',
      '%5c',
      '\\',
      '#',
      '?',
      '%00',
      otherHost,
      `\\${otherHost}`,
      '@',
      ' ',
    );
    const separator = fc.constantFrom('/', '\\', '//', '/./', '/../');
    const hostile = fc
      .array(fc.tuple(separator, piece), { minLength: 1, maxLength: 7 })
      .map((parts) => parts.map(([s, p]) => s + p).join(''));
    await fc.assert(
      fc.asyncProperty(hostile, async (path) => {
        const before = api.seen.length;
        await reader?.get(path);
        for (const line of api.seen.slice(before)) {
          const segments = segmentsOf(line);
          expect(segments.filter((s) => FORBIDDEN.includes(s))).toEqual([]);
          expect(segments).not.toContain('..');
        }
      }),
      { numRuns: 300, seed: 20261201 },
    );
    expect(other.seen).toEqual([]);
  });

  it('property: check parameters are either refused by their schema or build a path the policy passes unchanged', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('default\\secrets\\db#', '../secrets', 'kube-system/secrets', '%73ecrets', 'a?b=c', 'x#y', 'kube-system'),
    );
    const configMap = CHECKS.get('configmap-field');
    fc.assert(
      fc.property(value, value, (namespace, name) => {
        const parsed = configMap?.params.safeParse({ namespace, name, key: 'k', matches: 'x' });
        if (!parsed?.success) return;
        const resolved = resolveApiUrl('GET', 'https://10.0.0.1:6443', paths.configMap(namespace, name));
        if (!resolved.ok) {
          // a valid Kubernetes name may still be a forbidden word ("secrets"): refused, never sent
          expect([namespace, name].some((v) => FORBIDDEN.includes(v))).toBe(true);
          return;
        }
        expect(resolved.url.pathname).toBe(`/api/v1/namespaces/${namespace}/configmaps/${name}`);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});

describe('hostile knowledge never reaches an API server', () => {
  const hostileEntry = (namespace: string) =>
    incidentData('hostile-one', {
      verification: {
        checks: [{ check: 'configmap-field', params: { namespace, name: 'kubeadm-config', key: 'ClusterConfiguration', matches: 'x' } }],
      },
    });

  it.each(['default\\secrets\\db#', '../secrets', 'kube-system?x=1', '%73ecrets', 'default/secrets'])(
    'kb lint, check and rbac refuse namespace %s, naming file and field',
    async (namespace) => {
      const dir = await knowledgeDir({ 'hostile-one.yaml': hostileEntry(namespace) });
      const lint = memoryIo();
      expect(await runCli(['kb', 'lint', '--kb', dir], lint)).not.toBe(0);
      expect(lint.stderr.join('\n')).toMatch(/hostile-one\.yaml: verification\.checks\.0\.params\.namespace: must be a Kubernetes name/);
      const rbac = memoryIo();
      expect(await runCli(['rbac', '--kb', dir], rbac)).not.toBe(0);
      expect(rbac.stdout.join('\n')).not.toContain('kind: Role');
      const before = api.seen.length;
      const check = memoryIo();
      const env = { KUBECONFIG: await kubeconfigFor([{ name: 'c', server: api.origin }]) };
      expect(await runCli(['check', '--cluster', 'c', '--incident', 'hostile-one', '--kb', dir], check, env)).not.toBe(0);
      expect(api.seen.length).toBe(before);
    },
  );
});

describe('one unsafe context is refused alone', () => {
  it('an insecure-skip-tls-verify context is refused with its reason; the others stay usable', async () => {
    const file = await kubeconfigFor([
      { name: 'prod', server: api.origin },
      { name: 'lab', server: api.origin, insecure: true },
    ]);
    const registry = ClusterRegistry.load(settings(file));
    expect(registry.names()).toEqual(['prod']);
    expect(registry.refusedContexts()).toEqual([{ name: 'lab', reason: expect.stringMatching(/skips TLS verification/) }]);
    expect(registry.reader('lab')).toBeUndefined();
    expect(registry.unknownCluster('lab')).toMatch(/cluster "lab" is refused: .*insecure-skip-tls-verify/);
    expect(await registry.reader('prod')?.get('/version')).toMatchObject({ ok: true });
  });

  it('kubetriage clusters lists the refused context with why', async () => {
    const file = await kubeconfigFor([
      { name: 'prod', server: api.origin },
      { name: 'lab', server: api.origin, insecure: true },
    ]);
    const io = memoryIo();
    expect(await runCli(['clusters'], io, { KUBECONFIG: file })).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toMatch(/prod\s+ok/);
    expect(out).toMatch(/lab\s+refused\s+.*skips TLS verification/);
  });
});

describe('live log reads stay on the log of the pod that was listed', () => {
  it('property: any pod or container name an API server returns builds a path under that pod, or is refused unsent', () => {
    const name = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('..', '.', '../secrets', 'x/../../secrets', '%2e%2e', 'web?previous=true', 'a#b', 'exec', 'secrets'),
    );
    fc.assert(
      fc.property(name, name, (pod, container) => {
        let path: string;
        try {
          path = paths.podLog('kube-system', pod, { container, tailLines: 10, sinceSeconds: 60, limitBytes: 1024 });
        } catch {
          return; // not a path segment: never built, never sent
        }
        const resolved = resolveApiUrl('GET', 'https://10.0.0.1:6443', path);
        // refused (an encoded slash, a forbidden word): never sent
        if (!resolved.ok) return;
        expect(resolved.url.pathname).toBe(`/api/v1/namespaces/kube-system/pods/${encodeURIComponent(pod)}/log`);
        expect(resolved.url.searchParams.get('container')).toBe(container);
        expect(resolved.url.searchParams.get('previous')).toBeNull();
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('a hostile API server listing a pod named ".." gets no request for it, and the scan still reports', async () => {
    const reader = fakeReader({
      '/api/v1/nodes': { kind: 'NodeList', items: [] },
      '/api/v1/events': { kind: 'EventList', items: [] },
      '/api/v1/namespaces/kube-system/pods': {
        kind: 'PodList',
        items: [{ metadata: { name: '..', namespace: 'kube-system' }, spec: { containers: [{ name: 'secrets' }] }, status: {} }],
      },
    });
    const report = await scanCluster(reader, await shippedKnowledge(), { budgetMs: 2000, namespaces: ['kube-system'] });
    expect(reader.asked.filter((p) => p.includes('/log'))).toEqual([]);
    expect(report.unread).toEqual([
      { what: '1 container log(s)', reason: expect.stringMatching(/refused-by-policy: ".." is not a path segment/) },
    ]);
  });
});
