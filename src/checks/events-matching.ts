import { z } from 'zod';
import { readEvents } from '../cluster/events.js';
import { eventReason, namespaceName } from '../cluster/k8s-names.js';
import { LIVE_LIMITS } from '../cluster/live-limits.js';
import { redactSecrets } from '../redact.js';
import { safePattern } from '../regex-shape.js';
import type { Check } from './check.js';
import { eventReads } from './live-events.js';
import { unreadable } from './read-helpers.js';

const params = z.strictObject({
  namespace: namespaceName.optional(),
  reason: eventReason.describe('event reason, e.g. FailedCreatePodSandBox'),
  messageMatches: safePattern.describe('regex on the event message that marks the incident'),
});

export const eventsMatching: Check<z.infer<typeof params>> = {
  id: 'events-matching',
  description: 'recent events with a reason and a message pattern',
  params,
  reads: (p) => eventReads(p.namespace),
  async run(reader, p, signal) {
    const result = await readEvents(
      reader,
      { reason: p.reason, max: LIVE_LIMITS.maxEvents, ...(p.namespace ? { namespace: p.namespace } : {}) },
      signal,
    );
    if (!result.ok)
      return result.failure === 'malformed'
        ? { status: 'unknown', observations: [], reason: result.message }
        : unreadable(result, `events with reason ${p.reason}`);
    const events = result.value.events;
    const matcher = new RegExp(p.messageMatches, 'i');
    const hits = events.filter((e) => matcher.test(e.message));
    const observations = hits.slice(0, 5).map((e) => ({
      object: `${e.object.namespace ?? ''}/${e.object.kind.toLowerCase()}/${e.object.name}`,
      field: `event ${p.reason}`,
      observed: redactSecrets(e.message).text.slice(0, 300),
      expected: `/${p.messageMatches}/`,
    }));
    if (hits.length === 0) {
      observations.push({
        object: p.namespace ?? 'all namespaces',
        field: `events ${p.reason}`,
        observed: `${events.length} event(s), none matching`,
        expected: `/${p.messageMatches}/`,
      });
    }
    return { status: hits.length > 0 ? 'present' : 'absent', observations };
  },
};
