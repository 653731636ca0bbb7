import { z } from 'zod';
import { paths } from '../cluster/api-paths.js';
import { eventReason, namespaceName } from '../cluster/k8s-names.js';
import type { ObjectMeta } from '../cluster/objects.js';
import { safePattern } from '../regex-shape.js';
import type { Check } from './check.js';
import { readList } from './read-helpers.js';

const params = z.strictObject({
  namespace: namespaceName.optional(),
  reason: eventReason.describe('event reason, e.g. FailedCreatePodSandBox'),
  messageMatches: safePattern.describe('regex on the event message that marks the incident'),
});

interface Event {
  metadata: ObjectMeta;
  involvedObject?: { kind?: string; namespace?: string; name?: string };
  message?: string;
  count?: number;
  lastTimestamp?: string | null;
}

export const eventsMatching: Check<z.infer<typeof params>> = {
  id: 'events-matching',
  description: 'recent events with a reason and a message pattern',
  params,
  reads: (p) => [{ apiGroup: '', resource: 'events', verb: 'list', ...(p.namespace ? { namespace: p.namespace } : {}) }],
  async run(reader, p, signal) {
    const result = await readList<Event>(reader, paths.events(p.namespace, `reason=${p.reason}`), `events with reason ${p.reason}`, signal);
    if (!result.ok) return result.outcome;
    const matcher = new RegExp(p.messageMatches, 'i');
    const hits = result.value.filter((e) => matcher.test(e.message ?? ''));
    const observations = hits.slice(0, 5).map((e) => ({
      object: `${e.involvedObject?.namespace ?? ''}/${(e.involvedObject?.kind ?? 'object').toLowerCase()}/${e.involvedObject?.name ?? e.metadata.name}`,
      field: `event ${p.reason}`,
      observed: (e.message ?? '').slice(0, 300),
      expected: `/${p.messageMatches}/`,
    }));
    if (hits.length === 0) {
      observations.push({
        object: p.namespace ?? 'all namespaces',
        field: `events ${p.reason}`,
        observed: `${result.value.length} event(s), none matching`,
        expected: `/${p.messageMatches}/`,
      });
    }
    return { status: hits.length > 0 ? 'present' : 'absent', observations };
  },
};
