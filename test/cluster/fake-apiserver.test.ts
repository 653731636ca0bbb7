/**
 * The loopback API server is as strict as kube-apiserver on what the checks depend on: only GET,
 * Status objects for 404/405/400, real List kinds, selectors and pagination applied, and every
 * request recorded with its exact URL.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterRegistry } from '../../src/cluster/registry.js';
import * as api from '../fixtures/api-output.js';
import { type FakeApiServer, startFakeApiServer } from './fake-apiserver.js';

const CA = readFileSync(new URL('../fixtures/tls/ca.crt', import.meta.url), 'utf8');
const PODS = '/api/v1/namespaces/kube-system/pods';

let server: FakeApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A raw HTTPS request, for what the read-only transport would never send. */
function send(method: string, url: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca: CA, servername: 'localhost' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the fake API server', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('refuses %s with a 405 Status, and records it', async (method) => {
    server = await startFakeApiServer({ [PODS]: { body: api.kubeSystemPods() } });
    expect(await send(method, `${server.url}${PODS}`)).toEqual({ status: 405, body: api.status.methodNotAllowed() });
    expect(server.requests).toEqual([{ method, path: PODS, url: `${server.url}${PODS}` }]);
  });

  it('answers a path nobody routed, and a missing named object, 404 with a Status', async () => {
    server = await startFakeApiServer();
    expect(await send('GET', `${server.url}/apis/example.com/v1/widgets`)).toEqual({ status: 404, body: api.status.notFoundPath() });
    expect(await send('GET', `${server.url}/api/v1/namespaces/kube-system/serviceaccounts/aws-node`)).toEqual({
      status: 404,
      body: api.status.notFoundNamed(),
    });
  });

  it('serves the List kind with its resourceVersion and applies the label selector sent', async () => {
    server = await startFakeApiServer({ [PODS]: { body: api.kubeSystemPods() } });
    const reader = ClusterRegistry.load({
      kubeconfigPaths: [await server.kubeconfig()],
      allowed: [],
      channelClusters: {},
      requestTimeoutMs: 1000,
      allowExecAuth: false,
    }).reader('test-cluster');
    const result = await reader?.get<api.ApiList>(`${PODS}?labelSelector=k8s-app%3Dcalico-node`);
    expect(result?.ok && result.value).toMatchObject({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '48213907' } });
    expect(result?.ok && result.value.items.map((p) => p.metadata.name)).toEqual(['calico-node-x7k2p']);
    expect(server.requests.map((r) => [r.method, r.url])).toEqual([['GET', `${server.url}${PODS}?labelSelector=k8s-app%3Dcalico-node`]]);
  });

  it('pages with limit and continue', async () => {
    server = await startFakeApiServer({ [PODS]: { body: api.kubeSystemPods() } });
    const first = (await send('GET', `${server.url}${PODS}?limit=3`)).body as api.ApiList;
    expect(first.items.map((p) => p.metadata.name)).toEqual([
      'calico-node-x7k2p',
      'kube-apiserver-i-0a1b2c3d4e5f',
      'coredns-5d78c9869d-4vq8m',
    ]);
    expect(first.metadata).toMatchObject({ resourceVersion: '48213907', remainingItemCount: 1, continue: expect.any(String) });
    const next = (await send('GET', `${server.url}${PODS}?limit=3&continue=${first.metadata.continue}`)).body as api.ApiList;
    expect(next.items.map((p) => p.metadata.name)).toEqual(['kube-proxy-8tq2w']);
    expect(next.metadata.continue).toBeUndefined();
  });

  it('answers a field the resource cannot be filtered on 400, as the API server does', async () => {
    server = await startFakeApiServer({ [PODS]: { body: api.kubeSystemPods() } });
    expect(await send('GET', `${server.url}${PODS}?fieldSelector=spec.containers%3Dx`)).toEqual({
      status: 400,
      body: api.status.fieldLabelNotSupported(),
    });
  });

  it('refuses data keyed by a URL with a query: the server applies the query itself', async () => {
    await expect(startFakeApiServer({ [`${PODS}?labelSelector=a%3Db`]: { body: api.kubeSystemPods() } })).rejects.toThrow(/has a query/);
  });

  it('serves under a path prefix, as a proxy does, and 404s what misses the prefix', async () => {
    server = await startFakeApiServer({ [PODS]: { body: api.kubeSystemPods() } }, { pathPrefix: '/k8s/clusters/c-m-4x7z' });
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/k8s\/clusters\/c-m-4x7z$/);
    expect((await send('GET', `${server.url}${PODS}`)).status).toBe(200);
    const origin = server.url.replace('/k8s/clusters/c-m-4x7z', '');
    expect(await send('GET', `${origin}${PODS}`)).toEqual({ status: 404, body: api.status.notFoundPath() });
    expect(server.requests.map((r) => r.path)).toEqual([PODS, PODS]);
  });
});
