import { afterEach, describe, expect, it } from 'vitest';
import { httpsTransport } from '../../src/cluster/https-transport.js';
import { refusalOf } from '../../src/cluster/path-policy.js';
import { ClusterConfigError, ClusterRegistry } from '../../src/cluster/registry.js';
import { type FakeApiServer, startFakeApiServer } from './fake-apiserver.js';

let server: FakeApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const settings = (kubeconfigPaths: string[], allowed: string[] = []) => ({
  kubeconfigPaths,
  allowed,
  channelClusters: {},
  requestTimeoutMs: 1000,
  allowExecAuth: false,
});

describe('reading a cluster through the real client-node credentials', () => {
  it('loads the kubeconfig, verifies TLS against its CA, sends the bearer token and decodes JSON', async () => {
    server = await startFakeApiServer({ '/version': { body: { gitVersion: 'v1.29.4' } } });
    const registry = ClusterRegistry.load(settings([await server.kubeconfig({ context: 'prod-eu' })]));
    expect(registry.names()).toEqual(['prod-eu']);
    const result = await registry.reader('prod-eu')?.get<{ gitVersion: string }>('/version');
    expect(result).toEqual({ ok: true, value: { gitVersion: 'v1.29.4' } });
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/version', authorization: 'Bearer fake-bearer-token-0123456789' });
  });

  it('reports a certificate from another CA as a TLS failure', async () => {
    server = await startFakeApiServer({ '/version': { body: {} } });
    const registry = ClusterRegistry.load(settings([await server.kubeconfig({ ca: 'wrong' })]));
    const result = await registry.reader('test-cluster')?.get('/version');
    expect(result).toMatchObject({ ok: false, failure: 'tls' });
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [500, 'unreachable'],
  ])('maps HTTP %i to %s', async (status, failure) => {
    const message =
      'configmaps "kubeadm-config" is forbidden: User "system:serviceaccount:kubetriage:bot" cannot get resource "configmaps"';
    server = await startFakeApiServer({ '/x': { status, body: { kind: 'Status', message } } });
    const reader = ClusterRegistry.load(settings([await server.kubeconfig()])).reader('test-cluster');
    const result = await reader?.get('/x');
    expect(result).toMatchObject({ ok: false, failure, status });
    if (status === 403) expect(result).toMatchObject({ message: expect.stringContaining('cannot get resource "configmaps"') });
  });

  it('reports malformed JSON as malformed', async () => {
    server = await startFakeApiServer({ '/x': { raw: '{"kind": "Pod", "trunc' } });
    const reader = ClusterRegistry.load(settings([await server.kubeconfig()])).reader('test-cluster');
    expect(await reader?.get('/x')).toMatchObject({ ok: false, failure: 'malformed' });
  });

  it('a server that accepts and never answers is a timeout within the request budget', async () => {
    server = await startFakeApiServer({ '/x': { hang: true } });
    const reader = ClusterRegistry.load(settings([await server.kubeconfig()])).reader('test-cluster');
    const started = Date.now();
    expect(await reader?.get('/x')).toMatchObject({ ok: false, failure: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a closed port is unreachable', async () => {
    server = await startFakeApiServer();
    const file = await server.kubeconfig();
    await server.close();
    server = undefined;
    expect(
      await ClusterRegistry.load(settings([file]))
        .reader('test-cluster')
        ?.get('/version'),
    ).toMatchObject({ ok: false, failure: 'unreachable' });
  });
});

describe('read-only by construction', () => {
  it.each([
    ['DELETE', '/api/v1/namespaces/default/pods/x'],
    ['POST', '/api/v1/namespaces/default/pods'],
    ['PATCH', '/api/v1/nodes/n1'],
  ])('refuses %s %s before any network call', async (method, path) => {
    server = await startFakeApiServer();
    const { KubeConfig } = await import('@kubernetes/client-node');
    const kc = new KubeConfig();
    kc.loadFromFile(await server.kubeconfig());
    const result = await httpsTransport(kc, 1000)(method, path);
    expect(result).toMatchObject({ ok: false, failure: 'refused-by-policy' });
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    '/api/v1/namespaces/kube-system/secrets',
    '/api/v1/namespaces/kube-system/secrets/bootstrap-token-abc',
    '/api/v1/namespaces/default/pods/x/exec?command=sh',
    '/api/v1/namespaces/default/pods/x/attach',
    '/api/v1/namespaces/default/pods/x/portforward',
    '/api/v1/nodes/n1/proxy/pods',
    '/api/v1/namespaces/default/serviceaccounts/default/token',
  ])('refuses GET %s', (path) => {
    expect(refusalOf('GET', path)).toBeDefined();
  });

  it('allows ordinary reads', () => {
    expect(refusalOf('GET', '/api/v1/namespaces/kube-system/configmaps/kubeadm-config')).toBeUndefined();
  });
});

describe('the cluster registry', () => {
  it('knows only allowed contexts and never falls back to a default', async () => {
    server = await startFakeApiServer();
    const a = await server.kubeconfig({ context: 'prod-eu' });
    const b = await server.kubeconfig({ context: 'staging' });
    const registry = ClusterRegistry.load(settings([a, b], ['prod-eu']));
    expect(registry.names()).toEqual(['prod-eu']);
    expect(registry.reader('staging')).toBeUndefined();
    expect(registry.reader('localhost')).toBeUndefined();
  });

  it('names allowed clusters that no kubeconfig defines', async () => {
    server = await startFakeApiServer();
    expect(() => ClusterRegistry.load(settings([], ['ghost']))).toThrow(ClusterConfigError);
  });

  it('restricts clusters per channel and fails closed for channels not listed', async () => {
    server = await startFakeApiServer();
    const files = [await server.kubeconfig({ context: 'prod-eu' }), await server.kubeconfig({ context: 'dev' })];
    const registry = ClusterRegistry.load({ ...settings(files), channelClusters: { C1: ['dev'] } });
    expect(registry.allowedIn('C1')).toEqual(['dev']);
    expect(registry.allowedIn('C2')).toEqual([]);
    expect(registry.allowedIn('D0DIRECT')).toEqual([]);
    expect(registry.allowedIn()).toEqual([]);
    expect(registry.channelPolicy()).toBe('cluster checks are allowed in channel C1 → dev; no other channel or DM may check a cluster');
  });

  it('takes "*" as the explicit default for every other channel', async () => {
    server = await startFakeApiServer();
    const files = [await server.kubeconfig({ context: 'prod-eu' }), await server.kubeconfig({ context: 'dev' })];
    const registry = ClusterRegistry.load({ ...settings(files), channelClusters: { C1: ['prod-eu', 'dev'], '*': ['dev'] } });
    expect(registry.allowedIn('C1')).toEqual(['dev', 'prod-eu']);
    expect(registry.allowedIn('C2')).toEqual(['dev']);
  });

  it('offers every cluster everywhere only when no channel map is set', async () => {
    server = await startFakeApiServer();
    const files = [await server.kubeconfig({ context: 'prod-eu' }), await server.kubeconfig({ context: 'dev' })];
    expect(ClusterRegistry.load(settings(files)).allowedIn('C2')).toEqual(['dev', 'prod-eu']);
  });
});
