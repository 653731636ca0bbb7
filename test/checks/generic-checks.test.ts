import { describe, expect, it } from 'vitest';
import { flagValues } from '../../src/checks/apiserver-flag.js';
import { configMapField } from '../../src/checks/configmap-field.js';
import { imageVersion } from '../../src/cluster/objects.js';
import * as fx from '../fixtures/cluster-objects.js';
import { FORBIDDEN, fakeReader } from './fake-reader.js';

const signal = new AbortController().signal;
const CM = '/api/v1/namespaces/kube-system/configmaps/kubeadm-config';

describe('configmap-field', () => {
  const params = configMapField.params.parse({
    namespace: 'kube-system',
    name: 'kubeadm-config',
    key: 'ClusterConfiguration',
    path: 'etcd.external.certFile',
    matches: 'node-master0[0-9]\\.pem$',
  });

  it('is present when the field inside the YAML value matches', async () => {
    const outcome = await configMapField.run(fakeReader({ [CM]: fx.kubeadmConfig('external-node-cert') }), params, signal);
    expect(outcome).toMatchObject({ status: 'present', observations: [{ observed: '/etc/ssl/etcd/ssl/node-master03.pem' }] });
  });

  it('is absent when the field is missing or different', async () => {
    expect((await configMapField.run(fakeReader({ [CM]: fx.kubeadmConfig('stacked') }), params, signal)).status).toBe('absent');
    expect((await configMapField.run(fakeReader({ [CM]: fx.kubeadmConfig('external-shared-cert') }), params, signal)).status).toBe(
      'absent',
    );
  });

  it('is unknown, naming the permission, when the read is forbidden', async () => {
    const outcome = await configMapField.run(fakeReader({ [CM]: FORBIDDEN }), params, signal);
    expect(outcome).toMatchObject({ status: 'unknown', reason: expect.stringContaining('cannot get resource "configmaps"') });
  });
});

describe('flag and image parsing', () => {
  it('finds repeated flags in args and inside a kubeadm command', () => {
    expect(flagValues(fx.kopsApiserverPod(['https://a', 'https://b']) as never, 'service-account-issuer')).toEqual([
      'https://a',
      'https://b',
    ]);
    expect(flagValues(fx.kubeadmApiserverPod('https://kubernetes.default.svc') as never, 'service-account-issuer')).toEqual([
      'https://kubernetes.default.svc',
    ]);
  });

  it.each([
    ['602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:v1.15.1-eksbuild.1', '1.15.1'],
    ['ghcr.io/k8snetworkplumbingwg/multus-cni:v4.1.0-thick', '4.1.0'],
    ['registry:5000/multus:v3.7', '3.7.0'],
    ['quay.io/calico/node@sha256:abc', null],
  ])('reads the version of %s', (image, version) => {
    expect(imageVersion(image)).toBe(version);
  });
});

describe('label selectors', () => {
  it('re-checks equality selectors client-side', async () => {
    const { matchesSelector } = await import('../../src/cluster/objects.js');
    expect(matchesSelector({ app: 'multus', tier: 'node' }, 'app=multus')).toBe(true);
    expect(matchesSelector({ 'k8s-app': 'aws-node' }, 'app=multus')).toBe(false);
    expect(matchesSelector(undefined, undefined)).toBe(true);
  });

  it('re-checks every form the knowledge schema admits, not only equality', async () => {
    const { matchesSelector } = await import('../../src/cluster/objects.js');
    const labels = { 'k8s-app': 'calico-node', tier: 'control-plane' };
    expect(matchesSelector(labels, 'k8s-app==calico-node')).toBe(true);
    expect(matchesSelector(labels, 'tier in (node, control-plane)')).toBe(true);
    expect(matchesSelector(labels, 'tier in (node,worker),k8s-app=calico-node')).toBe(false);
    expect(matchesSelector(labels, 'tier notin (node,worker), k8s-app')).toBe(true);
    expect(matchesSelector(labels, 'k8s-app!=aws-node,!legacy')).toBe(true);
    expect(matchesSelector(labels, '!tier')).toBe(false);
    expect(matchesSelector(labels, 'k8s-app!=calico-node')).toBe(false);
    expect(matchesSelector({}, 'tier notin (node)')).toBe(true);
  });
});
