/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import type { VerificationRow } from '../fixtures/wave2/row.js';
import { shippedKnowledge, verifyShipped } from '../helpers/kb.js';
import { fakeReader } from './fake-reader.js';

const modules = import.meta.glob<{ ROWS: VerificationRow[] }>('../fixtures/wave2/*.ts', { eager: true });
const ROWS = Object.entries(modules)
  .filter(([file]) => !file.endsWith('/row.ts'))
  .flatMap(([, m]) => m.ROWS ?? []);

/** The core tier of the second catalogue (../shared/docs/incident-catalogue-v2.md, fixed ids). */
const CORE = [
  'image-pull-manifest-not-found',
  'image-pull-unauthorized',
  'image-pull-dockerhub-rate-limit',
  'image-pull-registry-x509-untrusted',
  'image-pull-registry-unreachable',
  'crashloopbackoff-generic',
  'container-oomkilled',
  'probe-failure-liveness-readiness',
  'createcontainerconfig-missing-configmap-secret',
  'failedmount-configmap-secret-not-found',
  'image-arch-exec-format-error',
  'scheduling-insufficient-resources',
  'scheduling-untolerated-taint',
  'scheduling-node-selector-affinity-mismatch',
  'scheduling-node-not-ready-taint',
  'node-max-pods-reached',
  'scheduling-volume-node-affinity-conflict',
  'pod-unbound-immediate-pvc',
  'pvc-pending-no-storageclass',
  'volume-multi-attach-rwo',
  'pvc-waiting-external-provisioner',
  'volume-permission-denied-fsgroup',
  'admission-webhook-timeout-unreachable',
  'admission-webhook-refused-not-ready',
  'podsecurity-admission-violation',
  'resourcequota-exceeded',
  'immutable-selector-field',
  'service-no-endpoints-selector-mismatch',
  'ingress-nginx-502-upstream-refused',
  'helm-another-operation-in-progress',
  'helm-resource-exists-ownership',
  'crd-not-installed-no-matches-for-kind',
  'crd-last-applied-annotation-too-long',
  'kubectl-no-kubeconfig-localhost-8080',
  'apiserver-unreachable-connection-refused',
  'aggregated-apiservice-unavailable',
  'namespace-stuck-terminating',
  'hpa-metrics-unavailable',
  'kubeadm-init-kubelet-not-healthy',
  'pod-evicted-node-pressure',
  'node-drain-blocked-by-pdb',
  'vpc-cni-ip-exhaustion',
  'pod-to-apiserver-clusterip-timeout',
];

describe('second-wave verifications: broken → confirmed, healthy twin → refuted', () => {
  it('every core entry is in the knowledge base, with a verification and its row, or a stated reason why none can exist', async () => {
    const kb = await shippedKnowledge();
    const rows = new Set(ROWS.map((r) => r.id));
    for (const id of CORE) {
      const incident = kb.byId.get(id);
      expect(incident, id).toBeDefined();
      if (incident?.verification) expect(rows.has(id), `${id} has a verification but no fixture row`).toBe(true);
      else expect(incident?.evidenceNote?.length, `${id} says why it has no verification`).toBeGreaterThan(20);
    }
  });

  it.each(ROWS.map((row) => [row.id, row]))('%s', async (id, row) => {
    const incident = (await shippedKnowledge()).byId.get(id as string);
    expect(incident?.verification, `${id} has a verification`).toBeDefined();
    const { evidenceOnly } = row as VerificationRow;
    const broken = await verifyShipped(incident as never, fakeReader((row as VerificationRow).broken));
    const healthy = await verifyShipped(incident as never, fakeReader((row as VerificationRow).healthy));
    if (evidenceOnly) {
      // supporting evidence: shown where it exists, never a verdict
      const status = (r: typeof broken) => r.checks.find((c) => c.id === evidenceOnly)?.status;
      expect([broken.verdict, healthy.verdict]).toEqual(['inconclusive', 'inconclusive']);
      expect(status(broken), JSON.stringify(broken.checks)).toBe('present');
      expect(status(healthy), JSON.stringify(healthy.checks)).toBe('absent');
      return;
    }
    expect(broken.verdict, JSON.stringify(broken.reasons)).toBe('confirmed');
    expect(healthy.verdict, JSON.stringify(healthy.reasons)).toBe('refuted');
  });
});
