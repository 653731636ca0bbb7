import { describe, expect, it } from 'vitest';
import { apiNotServed } from '../../src/checks/api-not-served.js';
import { namespaceTerminating } from '../../src/checks/namespace-terminating.js';
import { pdbBlocking } from '../../src/checks/pdb-blocking.js';
import { servingCertificate } from '../../src/checks/serving-certificate.js';
import { readerOf, startFakeApiServer } from '../cluster/fake-apiserver.js';
import { fakeReader } from './fake-reader.js';

const signal = new AbortController().signal;
const list = (kind: string, items: unknown[], apiVersion = 'v1') => ({ kind, apiVersion, metadata: { resourceVersion: '7' }, items });

const pdb = (name: string, disruptionsAllowed: number, expectedPods = 3) => ({
  metadata: { name, namespace: 'shop' },
  spec: { minAvailable: 3, selector: { matchLabels: { app: name } } },
  status: { disruptionsAllowed, currentHealthy: 3, desiredHealthy: 3, expectedPods, observedGeneration: 1 },
});

describe('pdb-blocking', () => {
  const run = (items: unknown[]) =>
    pdbBlocking.run(
      fakeReader({ '/apis/policy/v1/poddisruptionbudgets': list('PodDisruptionBudgetList', items, 'policy/v1') }),
      pdbBlocking.params.parse({}),
      signal,
    );

  it('is present for a budget that allows no disruption, saying why', async () => {
    const outcome = await run([pdb('checkout', 0), pdb('cart', 1)]);
    expect(outcome).toMatchObject({
      status: 'present',
      observations: [{ object: 'shop/poddisruptionbudget/checkout', observed: '0 (healthy 3 of 3, needs 3; minAvailable 3)' }],
    });
  });

  it('is absent when every budget allows a disruption, and ignores one that selects no pod', async () => {
    expect((await run([pdb('cart', 1), pdb('orphan', 0, 0)])).status).toBe('absent');
  });
});

describe('namespace-terminating', () => {
  const ns = (name: string, phase: string, conditions: unknown[] = []) => ({
    metadata: { name, deletionTimestamp: phase === 'Terminating' ? '2026-12-01T09:00:00Z' : undefined },
    status: { phase, conditions },
  });
  const run = (items: unknown[]) =>
    namespaceTerminating.run(fakeReader({ '/api/v1/namespaces': list('NamespaceList', items) }), {}, signal);

  it('is present with the condition that says what blocks the deletion', async () => {
    const outcome = await run([
      ns('default', 'Active'),
      ns('monitoring', 'Terminating', [
        {
          type: 'NamespaceDeletionDiscoveryFailure',
          status: 'True',
          reason: 'DiscoveryFailed',
          message:
            'Discovery failed for some groups, 1 failing: unable to retrieve the complete list of server APIs: metrics.k8s.io/v1beta1: the server is currently unable to handle the request',
        },
        { type: 'NamespaceContentRemaining', status: 'False', reason: 'ContentRemoved' },
      ]),
    ]);
    expect(outcome.status).toBe('present');
    expect(outcome.observations).toEqual([
      expect.objectContaining({
        object: 'namespace/monitoring',
        observed: expect.stringMatching(/^NamespaceDeletionDiscoveryFailure: Discovery failed .*metrics\.k8s\.io\/v1beta1/),
      }),
    ]);
  });

  it('is absent when no namespace is Terminating', async () => {
    expect((await run([ns('default', 'Active')])).status).toBe('absent');
  });
});

describe('api-not-served', () => {
  const params = apiNotServed.params.parse({ group: 'policy', version: 'v1beta1', resource: 'podsecuritypolicies' });

  it('is present when discovery answers 404 for the group version (removed), absent when it lists the resource', async () => {
    expect((await apiNotServed.run(fakeReader({}), params, signal)).status).toBe('present');
    const served = fakeReader({
      '/apis/policy/v1beta1': {
        kind: 'APIResourceList',
        groupVersion: 'policy/v1beta1',
        resources: [{ name: 'poddisruptionbudgets' }, { name: 'podsecuritypolicies' }],
      },
    });
    expect((await apiNotServed.run(served, params, signal)).status).toBe('absent');
    const onlyPdb = fakeReader({
      '/apis/policy/v1beta1': { kind: 'APIResourceList', groupVersion: 'policy/v1beta1', resources: [{ name: 'poddisruptionbudgets' }] },
    });
    expect((await apiNotServed.run(onlyPdb, params, signal)).status).toBe('present');
  });

  it('a forbidden discovery read is unknown, not "removed"', async () => {
    const outcome = await apiNotServed.run(
      fakeReader({ '/apis/policy/v1beta1': { fail: 'forbidden', message: 'forbidden' } }),
      params,
      signal,
    );
    expect(outcome.status).toBe('unknown');
  });
});

describe('serving-certificate', () => {
  const params = servingCertificate.params.parse({ state: 'expired' });
  it('over real HTTPS: an API server whose certificate expired is present, through the same guarded transport', async () => {
    const server = await startFakeApiServer({ '/version': { body: { gitVersion: 'v1.29.4' } } }, { expiredCertificate: true });
    try {
      const reader = await readerOf(server);
      const outcome = await servingCertificate.run(reader, params, signal);
      expect(outcome).toMatchObject({ status: 'present', observations: [{ observed: expect.stringContaining('CERT_HAS_EXPIRED') }] });
    } finally {
      await server.close();
    }
  });

  it('an expired certificate in the handshake is the evidence; a valid one refutes; any other failure is unknown', async () => {
    const expired = fakeReader({
      '/version': {
        fail: 'tls',
        message: "TLS failed (CERT_HAS_EXPIRED): the cluster's certificate does not match the kubeconfig's CA or name",
      },
    });
    expect((await servingCertificate.run(expired, params, signal)).status).toBe('present');
    expect((await servingCertificate.run(fakeReader({ '/version': { gitVersion: 'v1.29.4' } }), params, signal)).status).toBe('absent');
    const otherCa = fakeReader({ '/version': { fail: 'tls', message: 'TLS failed (SELF_SIGNED_CERT_IN_CHAIN): …' } });
    expect((await servingCertificate.run(otherCa, params, signal)).status).toBe('unknown');
    expect(
      (await servingCertificate.run(fakeReader({ '/version': { fail: 'timeout', message: 'no answer' } }), params, signal)).status,
    ).toBe('unknown');
  });
});
