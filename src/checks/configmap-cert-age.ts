import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { configMapKey, namespaceName, objectName } from '../cluster/k8s-names.js';
import type { Check } from './check.js';
import { readConfigMap } from './read-helpers.js';

const params = z.strictObject({
  namespace: namespaceName,
  name: objectName,
  key: configMapKey,
  issuedWithinDays: z.number().positive().describe('present when the newest certificate was issued this recently'),
});

const PEM = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]{1,20000}?-----END CERTIFICATE-----/g;

/** CA bundles are public; parsing their validity dates shows a recent rotation. */
export const configMapCertAge: Check<z.infer<typeof params>> = {
  id: 'configmap-cert-age',
  description: 'issue dates of the certificates in a ConfigMap CA bundle',
  params,
  reads: (p) => [{ apiGroup: '', resource: 'configmaps', verb: 'get', namespace: p.namespace, name: p.name }],
  async run(reader, p, signal) {
    const result = await readConfigMap(reader, p.namespace, p.name, signal);
    if (!result.ok) return result.outcome;
    const pems = result.value.data?.[p.key]?.match(PEM) ?? [];
    const certs = pems.flatMap((pem) => {
      try {
        const cert = new X509Certificate(pem);
        return [{ subject: cert.subject.replace(/\n/g, ', '), validFrom: new Date(cert.validFrom), validTo: new Date(cert.validTo) }];
      } catch {
        return [];
      }
    });
    if (certs.length === 0)
      return { status: 'unknown', observations: [], reason: `${p.namespace}/${p.name} has no readable certificate under ${p.key}` };
    const newest = certs.reduce((a, b) => (b.validFrom > a.validFrom ? b : a));
    const ageDays = (Date.now() - newest.validFrom.getTime()) / 86_400_000;
    const observations = certs.map((c) => ({
      object: `${p.namespace}/configmap/${p.name}`,
      field: `${p.key}: ${c.subject}`,
      observed: `valid from ${c.validFrom.toISOString()} to ${c.validTo.toISOString()}`,
      expected: `newest issued within ${p.issuedWithinDays} days`,
    }));
    return { status: ageDays <= p.issuedWithinDays ? 'present' : 'absent', observations };
  },
};
