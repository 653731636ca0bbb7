import { z } from 'zod';
import { paths } from '../cluster/api-paths.js';
import { namespaceName } from '../cluster/k8s-names.js';
import type { ObjectMeta } from '../cluster/objects.js';
import type { Check, Observation } from './check.js';
import { readList } from './read-helpers.js';

const params = z.strictObject({
  namespace: namespaceName.optional().describe('only budgets in this namespace; default: every namespace'),
});

interface PodDisruptionBudget {
  metadata: ObjectMeta;
  spec?: { minAvailable?: number | string; maxUnavailable?: number | string };
  status?: { disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number; expectedPods?: number };
}

/**
 * A drain waits forever on a budget that allows no disruption: the eviction API answers 429
 * "Cannot evict pod as it would violate the pod's disruption budget" to every retry.
 */
export const pdbBlocking: Check<z.infer<typeof params>> = {
  id: 'pdb-blocking',
  description: 'PodDisruptionBudgets that allow no disruption now (status.disruptionsAllowed = 0)',
  params,
  reads: (p) => [
    { apiGroup: 'policy', resource: 'poddisruptionbudgets', verb: 'list', ...(p.namespace ? { namespace: p.namespace } : {}) },
  ],
  async run(reader, p, signal) {
    const listed = await readList<PodDisruptionBudget>(reader, paths.podDisruptionBudgets(p.namespace), 'poddisruptionbudgets', signal);
    if (!listed.ok) return listed.outcome;
    // a budget that selects no pod (expectedPods 0) blocks nothing
    const blocking = listed.value.filter((b) => b.status?.disruptionsAllowed === 0 && (b.status.expectedPods ?? 1) > 0);
    const observe = (b: PodDisruptionBudget): Observation => ({
      object: `${b.metadata.namespace ?? ''}/poddisruptionbudget/${b.metadata.name}`,
      field: 'status.disruptionsAllowed',
      observed: `${b.status?.disruptionsAllowed ?? '?'} (healthy ${b.status?.currentHealthy ?? '?'} of ${b.status?.expectedPods ?? '?'}, needs ${b.status?.desiredHealthy ?? '?'}; ${b.spec?.minAvailable !== undefined ? `minAvailable ${b.spec.minAvailable}` : `maxUnavailable ${b.spec?.maxUnavailable ?? '?'}`})`,
      expected: '0: every eviction is refused',
    });
    if (blocking.length > 0) return { status: 'present', observations: blocking.slice(0, 10).map(observe) };
    return {
      status: 'absent',
      observations: [
        {
          object: p.namespace ?? 'all namespaces',
          field: 'poddisruptionbudgets',
          observed: `${listed.value.length} budget(s), each allows a disruption now`,
        },
      ],
    };
  },
};
