import { z } from 'zod';
import { paths } from '../cluster/api-paths.js';
import { objectName } from '../cluster/k8s-names.js';
import type { ObjectMeta } from '../cluster/objects.js';
import type { Check, Observation } from './check.js';
import { readList } from './read-helpers.js';

const params = z.strictObject({
  name: objectName.optional().describe('only this APIService, e.g. v1beta1.metrics.k8s.io; default: every aggregated one'),
});

interface ApiService {
  metadata: ObjectMeta;
  spec?: { service?: { namespace?: string; name?: string } | null };
  status?: { conditions?: Array<{ type: string; status: string; reason?: string; message?: string }> };
}

/**
 * Aggregated APIs the API server cannot reach: the kube-aggregator marks their APIService
 * Available=False (FailedDiscoveryCheck, MissingEndpoints, ServiceNotFound), and every discovery
 * client then warns "unable to retrieve the complete list of server APIs".
 */
export const apiServiceAvailable: Check<z.infer<typeof params>> = {
  id: 'apiservice-available',
  description: 'APIServices of aggregated APIs that are not Available, with the reason the aggregator gives',
  params,
  reads: () => [{ apiGroup: 'apiregistration.k8s.io', resource: 'apiservices', verb: 'list' }],
  async run(reader, p, signal) {
    const listed = await readList<ApiService>(reader, paths.apiServices(), 'apiservices', signal);
    if (!listed.ok) return listed.outcome;
    // local APIServices (no spec.service) are served by the API server itself
    const aggregated = listed.value.filter((a) => a.spec?.service && (!p.name || a.metadata.name === p.name));
    const unavailable = aggregated.filter((a) => a.status?.conditions?.some((c) => c.type === 'Available' && c.status !== 'True'));
    const observe = (a: ApiService): Observation => {
      const available = a.status?.conditions?.find((c) => c.type === 'Available');
      return {
        object: `apiservice/${a.metadata.name}`,
        field: 'status.conditions[Available]',
        observed: `${available?.status ?? '?'} (${available?.reason ?? ''}): ${available?.message ?? ''}`.trim(),
        expected: 'not True',
      };
    };
    if (unavailable.length > 0) return { status: 'present', observations: unavailable.slice(0, 10).map(observe) };
    if (p.name && aggregated.length === 0)
      return { status: 'unknown', observations: [], reason: `no aggregated APIService named ${p.name}` };
    return {
      status: 'absent',
      observations: [
        {
          object: 'apiservices',
          field: 'status.conditions[Available]',
          observed: `${aggregated.length} aggregated APIService(s), all Available`,
        },
      ],
    };
  },
};
