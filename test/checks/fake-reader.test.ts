/**
 * The in-memory port answers like kube-apiserver: selectors, namespaces, pagination, List kinds
 * and 404/400 Status messages, from data keyed by path. Each row is a request a check could send
 * and the objects a real server would return for it.
 */
import { describe, expect, it } from 'vitest';
import * as api from '../fixtures/api-output.js';
import { fakeReader } from './fake-reader.js';

const PODS = '/api/v1/namespaces/kube-system/pods';
const EVENTS = '/api/v1/events';
const NODES = '/api/v1/nodes';
const cluster = () => fakeReader({ [PODS]: api.kubeSystemPods(), [EVENTS]: api.events(), [NODES]: api.nodes() });
const q = (path: string, query: Record<string, string>) => `${path}?${new URLSearchParams(query)}`;

async function names(url: string): Promise<string[]> {
  const result = await cluster().get<api.ApiList>(url);
  if (!result.ok) throw new Error(`${url}: ${result.failure} ${result.message}`);
  return result.value.items.map((i) => i.metadata.name);
}

const ALL_PODS = ['calico-node-x7k2p', 'kube-apiserver-i-0a1b2c3d4e5f', 'coredns-5d78c9869d-4vq8m', 'kube-proxy-8tq2w'];

const SELECTED: Array<[string, string, string[]]> = [
  ['no selector', PODS, ALL_PODS],
  ['label =', q(PODS, { labelSelector: 'k8s-app=calico-node' }), ['calico-node-x7k2p']],
  ['label ==', q(PODS, { labelSelector: 'k8s-app==kube-proxy' }), ['kube-proxy-8tq2w']],
  ['label !=, which keeps pods without the label', q(PODS, { labelSelector: 'controller-revision-hash!=6b8f5c7d9' }), ALL_PODS.slice(1)],
  ['label in', q(PODS, { labelSelector: 'k8s-app in (kube-dns, kube-proxy)' }), ALL_PODS.slice(2)],
  ['label notin', q(PODS, { labelSelector: 'k8s-app notin (kube-dns,kube-proxy)' }), ALL_PODS.slice(0, 2)],
  ['label exists', q(PODS, { labelSelector: 'pod-template-hash' }), ['coredns-5d78c9869d-4vq8m']],
  ['label does not exist', q(PODS, { labelSelector: '!controller-revision-hash' }), ALL_PODS.slice(1, 3)],
  ['labels, all required', q(PODS, { labelSelector: 'k8s-app=calico-node,pod-template-generation=2' }), []],
  ['label selector on nodes, exists', q(NODES, { labelSelector: 'node-role.kubernetes.io/control-plane' }), ['master03']],
  ['field metadata.name', q(PODS, { fieldSelector: 'metadata.name=kube-proxy-8tq2w' }), ['kube-proxy-8tq2w']],
  ['field spec.nodeName', q(PODS, { fieldSelector: 'spec.nodeName=i-0f9e8d7c6b5a' }), ALL_PODS.slice(2)],
  ['field status.phase !=', q(PODS, { fieldSelector: 'status.phase!=Running' }), ['calico-node-x7k2p']],
  ['field reason', q(EVENTS, { fieldSelector: 'reason=FailedCreatePodSandBox' }), ['web-6d4cf56db6-abcde.17c0b7c2f3a1d9e4']],
  ['field type', q(EVENTS, { fieldSelector: 'type=Normal' }), ['web-6d4cf56db6-abcde.17c0b7c30b2e8f11']],
  [
    'fields involvedObject.*, all required',
    q(EVENTS, { fieldSelector: 'involvedObject.kind=Pod,involvedObject.name=api-7c9d8b6f5-zx4q2' }),
    ['api-7c9d8b6f5-zx4q2.17c0b7d1a4c3e210'],
  ],
  [
    'field source (the reporting component)',
    q(EVENTS, { fieldSelector: 'source=default-scheduler' }),
    ['web-6d4cf56db6-abcde.17c0b7c30b2e8f11'],
  ],
  [
    'a namespace of a cluster-wide route',
    q('/api/v1/namespaces/demo/events', { fieldSelector: 'type=Warning' }),
    ['web-6d4cf56db6-abcde.17c0b7c2f3a1d9e4', 'api-7c9d8b6f5-zx4q2.17c0b7d1a4c3e210'],
  ],
  ['a namespace with nothing in it', '/api/v1/namespaces/kube-flannel/events', []],
  ['every namespace from a namespaced route', '/api/v1/pods', ALL_PODS],
  ['field metadata.namespace across namespaces', q('/api/v1/pods', { fieldSelector: 'metadata.namespace=default' }), []],
];

describe.each(SELECTED)('%s', (_, url, expected) => {
  it('returns the objects the API server would', async () => {
    expect(await names(url)).toEqual(expected);
  });
});

describe('the fake reader', () => {
  it('records every URL asked, exactly and in order', async () => {
    const reader = cluster();
    await reader.get(q(PODS, { labelSelector: 'k8s-app=calico-node' }));
    await reader.get(NODES);
    expect(reader.asked).toEqual([`${PODS}?labelSelector=k8s-app%3Dcalico-node`, NODES]);
  });

  it('serves the real List kind and the resourceVersion of the data', async () => {
    const pods = await cluster().get(q(PODS, { labelSelector: 'k8s-app=calico-node' }));
    expect(pods).toMatchObject({ ok: true, value: { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '48213907' } } });
    const daemonSets = await fakeReader({ '/apis/apps/v1/daemonsets': { items: [] } }).get('/apis/apps/v1/namespaces/x/daemonsets');
    expect(daemonSets).toMatchObject({ ok: true, value: { kind: 'DaemonSetList', apiVersion: 'apps/v1', items: [] } });
  });

  it('pages with limit and continue, and refuses a token it did not issue', async () => {
    const reader = cluster();
    const first = await reader.get<api.ApiList>(`${PODS}?limit=2`);
    if (!first.ok) throw new Error('first page');
    expect(first.value.items.map((p) => p.metadata.name)).toEqual(ALL_PODS.slice(0, 2));
    expect(first.value.metadata).toMatchObject({ remainingItemCount: 2, continue: expect.any(String) });
    const rest = await reader.get<api.ApiList>(q(PODS, { limit: '2', continue: first.value.metadata.continue ?? '' }));
    expect(rest.ok && rest.value.items.map((p) => p.metadata.name)).toEqual(ALL_PODS.slice(2));
    expect(rest.ok && rest.value.metadata.continue).toBeUndefined();
    expect(await reader.get(`${PODS}?limit=2&continue=not-a-token`)).toMatchObject({ ok: false, status: 400 });
  });

  it('answers a missing object and an unrouted path with the API server 404 messages', async () => {
    expect(await cluster().get('/api/v1/namespaces/kube-system/serviceaccounts/aws-node')).toEqual({
      ok: false,
      failure: 'not-found',
      message: 'serviceaccounts "aws-node" not found',
      status: 404,
    });
    expect(await cluster().get('/apis/config.openshift.io/v1/clusterversions/version')).toMatchObject({
      failure: 'not-found',
      message: 'clusterversions "version" not found',
    });
    expect(await cluster().get('/apis/apps/v1/daemonsets')).toMatchObject({
      failure: 'not-found',
      message: 'the server could not find the requested resource',
    });
  });

  it('answers a selector the server cannot apply 400, as the transport words it', async () => {
    expect(await cluster().get(q(PODS, { fieldSelector: 'spec.containers=x' }))).toEqual({
      ok: false,
      failure: 'unreachable',
      message: 'the API server answered 400: field label not supported: spec.containers',
      status: 400,
    });
    expect(await cluster().get(q(PODS, { labelSelector: 'k8s-app in calico' }))).toMatchObject({ ok: false, status: 400 });
  });

  it('aims a fault keyed by an exact URL at that request only', async () => {
    const url = q(PODS, { labelSelector: 'k8s-app=calico-node' });
    const reader = fakeReader({ [PODS]: api.kubeSystemPods(), [url]: { fail: 'forbidden', message: 'no' } });
    expect(await reader.get(url)).toMatchObject({ ok: false, failure: 'forbidden' });
    expect(await reader.get(q(PODS, { labelSelector: 'k8s-app=kube-proxy' }))).toMatchObject({ ok: true });
  });

  it('refuses test data that could not come from a server', () => {
    expect(() => fakeReader({ [`${PODS}?labelSelector=a%3Db`]: api.kubeSystemPods() })).toThrow(/has a query/);
  });

  it('refuses a fixture routed where the server would never serve it', async () => {
    await expect(fakeReader({ '/api/v1/namespaces/demo/pods': api.kubeSystemPods() }).get('/api/v1/namespaces/demo/pods')).rejects.toThrow(
      /calico-node-x7k2p is in kube-system but routed under/,
    );
    await expect(fakeReader({ [NODES]: api.events() }).get(NODES)).rejects.toThrow(
      /a EventList routed at \/api\/v1\/nodes, which serves NodeList/,
    );
  });
});
