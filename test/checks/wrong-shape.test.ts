/**
 * A 200 with the wrong shape (a proxy's HTML page, `{}` where a List belongs, a list of nulls)
 * is "unknown: unexpected answer from <what>" for every check: never a verdict read from
 * nothing, never a TypeError message in front of an on-call engineer.
 */
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import * as fx from '../fixtures/cluster-objects.js';
import { type Answer, fakeReader } from './fake-reader.js';

const signal = new AbortController().signal;
const KUBEADM_CONFIG = '/api/v1/namespaces/kube-system/configmaps/kubeadm-config';

const LIST_SHAPES: Array<[string, Answer]> = [
  ['an empty object', {}],
  ['an array', []],
  ['an HTML page', '<!doctype html><title>502 Bad Gateway</title>'],
  ['null', null],
  ['items that is not an array', { kind: 'List', items: {} }],
  ['a list of nulls', { kind: 'List', items: [null] }],
  ['items without metadata', { kind: 'List', items: [{ spec: {} }] }],
];
const OBJECT_SHAPES: Array<[string, Answer]> = [
  ['an empty object', {}],
  ['an array', []],
  ['an HTML page', '<!doctype html><title>502 Bad Gateway</title>'],
  ['null', null],
];

/** check id, its params, the path whose answer is broken, the other routes it needs to get there */
const READS: Array<[string, Record<string, unknown>, string, Record<string, Answer>, 'list' | 'object']> = [
  ['apiserver-flag', { flag: 'service-account-issuer', matches: '.' }, '/api/v1/namespaces/kube-system/pods', {}, 'list'],
  [
    'container-state',
    { namespace: 'kube-system', labelSelector: 'k8s-app=calico-node', container: 'calico-node' },
    '/api/v1/namespaces/kube-system/pods',
    {},
    'list',
  ],
  ['events-matching', { reason: 'FailedCreatePodSandBox', messageMatches: 'x' }, '/api/v1/events', {}, 'list'],
  ['node-condition', {}, '/api/v1/nodes', {}, 'list'],
  ['node-info', { kubeletRange: '<1.24' }, '/api/v1/nodes', {}, 'list'],
  [
    'workload-image',
    { kind: 'DaemonSet', namespace: 'kube-system', labelSelector: 'k8s-app=aws-node', imageMatches: 'amazon-k8s-cni' },
    '/apis/apps/v1/namespaces/kube-system/daemonsets',
    {},
    'list',
  ],
  ['kubeadm-external-etcd-cert', {}, '/api/v1/nodes', { [KUBEADM_CONFIG]: fx.kubeadmConfig('external-node-cert') }, 'list'],
  ['kubeadm-external-etcd-cert', {}, KUBEADM_CONFIG, {}, 'object'],
  [
    'configmap-field',
    { namespace: 'kube-system', name: 'kubeadm-config', key: 'ClusterConfiguration', path: 'etcd.external.certFile', matches: 'node-' },
    KUBEADM_CONFIG,
    {},
    'object',
  ],
  [
    'configmap-cert-age',
    { namespace: 'openshift-kube-apiserver-operator', name: 'loadbalancer-serving-ca', key: 'ca-bundle.crt', issuedWithinDays: 30 },
    '/api/v1/namespaces/openshift-kube-apiserver-operator/configmaps/loadbalancer-serving-ca',
    {},
    'object',
  ],
  [
    'serviceaccount-annotation',
    { namespace: 'kube-system', name: 'aws-node', annotation: 'eks.amazonaws.com/role-arn', incidentWhen: 'missing' },
    '/api/v1/namespaces/kube-system/serviceaccounts/aws-node',
    {},
    'object',
  ],
  [
    'clusterversion-history',
    { installedRange: '<4.8', currentRange: '>=4.15' },
    '/apis/config.openshift.io/v1/clusterversions/version',
    {},
    'object',
  ],
];

const CASES = READS.flatMap(([id, params, path, others, kind]) =>
  (kind === 'list' ? LIST_SHAPES : OBJECT_SHAPES).map(([shape, body]) => [id, shape, params, path, others, body] as const),
);

describe.each(CASES)('%s given %s', (id, _, params, path, others, body) => {
  it('is unknown: unexpected answer', async () => {
    const check = CHECKS.get(id);
    if (!check) throw new Error(`no check ${id}`);
    const outcome = await check.run(fakeReader({ ...others, [path]: body }), check.params.parse(params), signal);
    expect(outcome).toMatchObject({ status: 'unknown', observations: [] });
    expect(outcome.reason).toMatch(/^unexpected answer from .+: /);
  });
});

describe('oidc-issuer given a document that is not JSON', () => {
  it.each([
    ['an HTML page', '<!doctype html><title>502 Bad Gateway</title>'],
    ['null', null],
  ])('%s is unknown: unexpected answer', async (_, body) => {
    const check = CHECKS.get('oidc-issuer');
    const outcome = await check?.run(fakeReader({ '/.well-known/openid-configuration': body }), { matches: '.' }, signal);
    expect(outcome).toMatchObject({
      status: 'unknown',
      reason: expect.stringMatching(/^unexpected answer from the OIDC discovery document: /),
    });
  });
});
