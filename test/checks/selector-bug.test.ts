/**
 * Proof that the strict fake catches a selector bug: the same check, run through a reader that
 * drops the selector from its URL (the bug: a check that forgets it), gets the objects a real
 * API server would give it — every node, every event — and the test that pins the honest answer
 * fails. A lenient fake that answers the path whatever the query would have hidden both.
 */
import { describe, expect, it } from 'vitest';
import { eventsMatching } from '../../src/checks/events-matching.js';
import { kubeadmExternalEtcdCert } from '../../src/checks/kubeadm-external-etcd-cert.js';
import type { ClusterReader } from '../../src/cluster/reader.js';
import * as api from '../fixtures/api-output.js';
import * as fx from '../fixtures/cluster-objects.js';
import { fakeReader } from './fake-reader.js';

const signal = new AbortController().signal;

/** The bug under test: the URL leaves without one of its query parameters. */
function dropping(param: string, reader: ClusterReader): ClusterReader {
  const strip = (path: string) => {
    const url = new URL(path, 'https://x.invalid');
    url.searchParams.delete(param);
    return `${url.pathname}${url.search}`;
  };
  return { cluster: reader.cluster, get: (path, s) => reader.get(strip(path), s), getText: (path, s) => reader.getText(strip(path), s) };
}

describe('a label selector bug', () => {
  // One control plane (master03) holds node-master03.pem: the incident needs several control planes.
  const cluster = () =>
    fakeReader({
      '/api/v1/namespaces/kube-system/configmaps/kubeadm-config': fx.kubeadmConfig('external-node-cert'),
      '/api/v1/nodes': api.nodes(),
    });
  const params = kubeadmExternalEtcdCert.params.parse({});
  const pinned = (outcome: unknown) =>
    expect(outcome).toMatchObject({
      status: 'absent',
      observations: expect.arrayContaining([expect.objectContaining({ object: 'nodes', observed: ['master03'] })]),
    });

  it('the honest check sends the control-plane selector and is absent on a single control plane', async () => {
    const reader = cluster();
    pinned(await kubeadmExternalEtcdCert.run(reader, params, signal));
    expect(reader.asked).toContain('/api/v1/nodes?labelSelector=node-role.kubernetes.io%2Fcontrol-plane');
  });

  it('a check that drops it reads the workers as control planes, turns present, and fails the pinned test', async () => {
    const outcome = await kubeadmExternalEtcdCert.run(dropping('labelSelector', cluster()), params, signal);
    expect(outcome.status).toBe('present');
    expect(() => pinned(outcome)).toThrow();
  });
});

describe('a field selector bug', () => {
  const cluster = () => fakeReader({ '/api/v1/events': api.events() });
  // Multus: sandbox creation failing Unauthorized. The cluster has an image pull 401, a different reason.
  const params = eventsMatching.params.parse({ reason: 'FailedCreatePodSandBox', messageMatches: 'Unauthorized' });
  const pinned = (outcome: unknown) =>
    expect(outcome).toMatchObject({ status: 'absent', observations: [{ observed: '1 event(s), none matching' }] });

  it('the honest check filters on the reason and finds no Unauthorized sandbox failure', async () => {
    const reader = cluster();
    pinned(await eventsMatching.run(reader, params, signal));
    // events.k8s.io/v1 first (not served by this fake: 404), then core/v1, both filtered on the reason
    expect(reader.asked).toEqual([
      '/apis/events.k8s.io/v1/events?fieldSelector=reason%3DFailedCreatePodSandBox&limit=500',
      '/api/v1/events?fieldSelector=reason%3DFailedCreatePodSandBox&limit=500',
    ]);
  });

  it('a check that drops it counts the image pull 401 as the incident, and fails the pinned test', async () => {
    const outcome = await eventsMatching.run(dropping('fieldSelector', cluster()), params, signal);
    expect(outcome).toMatchObject({ status: 'present', observations: [{ object: 'demo/pod/api-7c9d8b6f5-zx4q2' }] });
    expect(() => pinned(outcome)).toThrow();
  });
});
