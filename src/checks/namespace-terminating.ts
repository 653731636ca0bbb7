import { z } from 'zod';
import { paths } from '../cluster/api-paths.js';
import type { ObjectMeta } from '../cluster/objects.js';
import type { Check, Observation } from './check.js';
import { readList } from './read-helpers.js';

const params = z.strictObject({});

interface Namespace {
  metadata: ObjectMeta & { deletionTimestamp?: string };
  spec?: { finalizers?: string[] };
  status?: { phase?: string; conditions?: Array<{ type: string; status: string; reason?: string; message?: string }> };
}

/** The namespace controller's conditions that say what it is waiting for (NamespaceDeletion*, NamespaceContentRemaining, NamespaceFinalizersRemaining). */
const BLOCKING =
  /^Namespace(DeletionDiscoveryFailure|DeletionGroupVersionParsingFailure|DeletionContentFailure|ContentRemaining|FinalizersRemaining)$/;

export const namespaceTerminating: Check<z.infer<typeof params>> = {
  id: 'namespace-terminating',
  description: 'namespaces stuck in Terminating, with the condition that says what blocks them',
  params,
  reads: () => [{ apiGroup: '', resource: 'namespaces', verb: 'list' }],
  async run(reader, _p, signal) {
    const listed = await readList<Namespace>(reader, paths.namespaces(), 'namespaces', signal);
    if (!listed.ok) return listed.outcome;
    const stuck = listed.value.filter((n) => n.status?.phase === 'Terminating');
    if (stuck.length === 0)
      return {
        status: 'absent',
        observations: [{ object: 'namespaces', field: 'status.phase', observed: `${listed.value.length} namespace(s), none Terminating` }],
      };
    const observations: Observation[] = stuck.slice(0, 10).map((n) => {
      const blocking = (n.status?.conditions ?? []).filter((c) => BLOCKING.test(c.type) && c.status === 'True');
      return {
        object: `namespace/${n.metadata.name}`,
        field: 'status.conditions',
        observed:
          blocking.length > 0
            ? blocking.map((c) => `${c.type}: ${c.message ?? c.reason ?? ''}`).join('; ')
            : `Terminating since ${n.metadata.deletionTimestamp ?? '?'}`,
        expected: 'Terminating, waiting on content, finalizers or an unavailable API',
      };
    });
    return { status: 'present', observations };
  },
};
