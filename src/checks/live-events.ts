import { z } from 'zod';
import { type ClusterEvent, eventRow, readEvents } from '../cluster/events.js';
import { eventReason, namespaceName } from '../cluster/k8s-names.js';
import { ago, LIVE_LIMITS } from '../cluster/live-limits.js';
import { describeFailure } from '../cluster/reader.js';
import type { Check, Observation, ReadDeclaration, RecognisedLine } from './check.js';
import { NEEDS_KNOWLEDGE, signatureIds, signaturesOnly } from './live-text.js';

const params = z.strictObject({
  namespace: namespaceName.optional().describe('only events in this namespace; default: every namespace'),
  reason: eventReason.optional().describe('only events with this reason, e.g. FailedCreatePodSandBox'),
  kind: z
    .string()
    .regex(/^[A-Z][A-Za-z]{1,62}$/, 'must be a Kind, e.g. Pod or Node')
    .optional()
    .describe('only events about objects of this kind'),
  type: z.enum(['Warning', 'Normal']).optional(),
  signatures: signatureIds,
});

type Params = z.infer<typeof params>;

/** Both event APIs: one of them is read (events.k8s.io/v1 first), and RBAC must grant the one that is. */
export function eventReads(namespace: string | undefined): ReadDeclaration[] {
  return ['', 'events.k8s.io'].map((apiGroup) => ({
    apiGroup,
    resource: 'events',
    verb: 'list' as const,
    ...(namespace ? { namespace } : {}),
  }));
}

export const liveEvents: Check<Params> = {
  id: 'live-events',
  description: "the incident's own signatures in recent events (both event APIs)",
  params,
  reads: (p) => eventReads(p.namespace),
  async run(reader, p, signal, context) {
    if (!context) return { status: 'unknown', observations: [], reason: NEEDS_KNOWLEDGE };
    const read = await readEvents(
      reader,
      {
        max: LIVE_LIMITS.maxEvents,
        ...(p.namespace ? { namespace: p.namespace } : {}),
        ...(p.reason ? { reason: p.reason } : {}),
        ...(p.kind ? { kind: p.kind } : {}),
        ...(p.type ? { type: p.type } : {}),
      },
      signal,
    );
    if (!read.ok)
      return {
        status: 'unknown',
        observations: [],
        reason: read.failure === 'malformed' ? read.message : `cannot read events: ${describeFailure(read)}`,
      };
    // the same message about many objects is matched once
    const byRow = new Map<string, ClusterEvent[]>();
    for (const e of read.value.events) {
      const row = eventRow({ ...e, object: { kind: e.object.kind, name: '' } });
      byRow.set(row, [...(byRow.get(row) ?? []), e]);
    }
    const hits: Array<{ events: ClusterEvent[]; line: RecognisedLine }> = [];
    for (const events of byRow.values()) {
      const first = events[0] as ClusterEvent;
      const [line] = signaturesOnly(context.recognise(eventRow(first)), p.signatures);
      if (line) hits.push({ events, line });
    }
    const what = [p.type, p.reason, p.kind ? `${p.kind} ` : '', 'events'].filter(Boolean).join(' ');
    const where = p.namespace ? `in ${p.namespace}` : 'in all namespaces';
    if (hits.length === 0) {
      const more = read.value.truncated ? ` (the first ${read.value.events.length} read)` : '';
      return {
        status: 'absent',
        observations: [
          {
            object: where,
            field: what,
            observed: `${read.value.events.length} event(s)${more}, none shows the incident's signatures`,
          },
        ],
      };
    }
    return { status: 'present', observations: scope(hits, what, where) };
  },
};

function scope(hits: Array<{ events: ClusterEvent[]; line: RecognisedLine }>, what: string, where: string): Observation[] {
  const events = hits.flatMap((h) => h.events);
  const objects = [
    ...new Set(events.map((e) => `${e.object.namespace ? `${e.object.namespace}/` : ''}${e.object.kind.toLowerCase()}/${e.object.name}`)),
  ];
  const namespaces = [...new Set(events.map((e) => e.object.namespace).filter(Boolean))];
  const count = events.reduce((sum, e) => sum + e.count, 0);
  const first = events
    .map((e) => e.firstSeen)
    .filter((t): t is string => Boolean(t))
    .sort()[0];
  const last = events
    .map((e) => e.lastSeen)
    .filter((t): t is string => Boolean(t))
    .sort()
    .at(-1);
  const since = ago(first);
  const summary: Observation = {
    object: where,
    field: `scope of ${what}`,
    observed: `${count} time(s) on ${objects.length} object(s)${namespaces.length ? ` in ${namespaces.length} namespace(s)` : ''}${since ? `; first seen ${since}` : ''}${last ? `, last ${ago(last)}` : ''}`,
  };
  const lines = hits.slice(0, 5).map(
    (h): Observation => ({
      object: objects.find((o) => o.endsWith(`/${h.events[0]?.object.name}`)) ?? where,
      field: `event ${h.events[0]?.reason}${h.events.length > 1 ? ` (and ${h.events.length - 1} more object(s))` : ''}`,
      observed: h.line.text,
      expected: `signature ${h.line.signature}`,
    }),
  );
  return [summary, ...lines];
}
