import { z } from 'zod';
import { paths } from '../cluster/api-paths.js';
import { namespaceName, objectName, qualifiedName } from '../cluster/k8s-names.js';
import type { ObjectMeta } from '../cluster/objects.js';
import type { Check } from './check.js';
import { readObject } from './read-helpers.js';

const params = z.strictObject({
  namespace: namespaceName,
  name: objectName,
  annotation: qualifiedName,
  incidentWhen: z.enum(['missing', 'present']).describe('whether the incident shows as the annotation missing or present'),
});

export const serviceAccountAnnotation: Check<z.infer<typeof params>> = {
  id: 'serviceaccount-annotation',
  description: 'an annotation on a ServiceAccount',
  params,
  reads: (p) => [{ apiGroup: '', resource: 'serviceaccounts', verb: 'get', namespace: p.namespace, name: p.name }],
  async run(reader, p, signal) {
    const what = `serviceaccount ${p.namespace}/${p.name}`;
    const result = await readObject<{ metadata: ObjectMeta }>(reader, paths.serviceAccount(p.namespace, p.name), what, signal);
    if (!result.ok) return result.outcome;
    const value = result.value.metadata.annotations?.[p.annotation];
    const observations = [
      {
        object: `${p.namespace}/serviceaccount/${p.name}`,
        field: `metadata.annotations["${p.annotation}"]`,
        observed: value ?? null,
        expected: p.incidentWhen,
      },
    ];
    const missing = value === undefined || value === '';
    return { status: missing === (p.incidentWhen === 'missing') ? 'present' : 'absent', observations };
  },
};
