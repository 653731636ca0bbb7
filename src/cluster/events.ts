import { paths } from './api-paths.js';
import { asList } from './api-shapes.js';
import type { ClusterReader, ReadResult } from './reader.js';

/** An event as both event APIs describe it, in one shape. */
export interface ClusterEvent {
  type: string;
  reason: string;
  message: string;
  object: { kind: string; name: string; namespace?: string };
  /** how often it happened (a series is one event with a count) */
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  /** the component that reported it (kubelet, default-scheduler, …) */
  reporter?: string;
  /** the node of the kubelet that reported it */
  host?: string;
}

/** What to select, in each API's own field labels. */
export interface EventQuery {
  namespace?: string;
  type?: 'Warning' | 'Normal';
  reason?: string;
  /** the kind of the object the event is about (Pod, Node, …) */
  kind?: string;
  /** stop after this many events (newest are not guaranteed: the API lists in storage order) */
  max: number;
}

export interface EventsRead {
  events: ClusterEvent[];
  api: 'events.k8s.io/v1' | 'v1';
  /** more matched than `max`: the rest were not read */
  truncated: boolean;
}

const PAGE = 500;

interface CoreEvent {
  type?: string;
  reason?: string;
  message?: string;
  involvedObject?: { kind?: string; name?: string; namespace?: string };
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  source?: { component?: string; host?: string };
  series?: { count?: number; lastObservedTime?: string };
  metadata: { name: string; namespace?: string; creationTimestamp?: string };
}

interface V1Event {
  type?: string;
  reason?: string;
  note?: string;
  regarding?: { kind?: string; name?: string; namespace?: string };
  deprecatedCount?: number;
  deprecatedFirstTimestamp?: string | null;
  deprecatedLastTimestamp?: string | null;
  eventTime?: string | null;
  reportingController?: string;
  deprecatedSource?: { component?: string; host?: string };
  reportingInstance?: string;
  series?: { count?: number; lastObservedTime?: string };
  metadata: { name: string; namespace?: string; creationTimestamp?: string };
}

const orUndefined = (value: string | null | undefined) => value ?? undefined;

function fromCore(e: CoreEvent): ClusterEvent {
  const first = orUndefined(e.firstTimestamp) ?? orUndefined(e.eventTime) ?? e.metadata.creationTimestamp;
  return {
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: e.message ?? '',
    object: {
      kind: e.involvedObject?.kind ?? 'Object',
      name: e.involvedObject?.name ?? e.metadata.name,
      ...ns(e.involvedObject?.namespace),
    },
    count: e.series?.count ?? e.count ?? 1,
    ...(first ? { firstSeen: first } : {}),
    ...lastSeen(e.series?.lastObservedTime ?? orUndefined(e.lastTimestamp) ?? first),
    ...(e.source?.component ? { reporter: e.source.component } : {}),
    ...(e.source?.host ? { host: e.source.host } : {}),
  };
}

function fromV1(e: V1Event): ClusterEvent {
  const first = orUndefined(e.deprecatedFirstTimestamp) ?? orUndefined(e.eventTime) ?? e.metadata.creationTimestamp;
  const reporter = e.reportingController ?? e.deprecatedSource?.component;
  return {
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: e.note ?? '',
    object: { kind: e.regarding?.kind ?? 'Object', name: e.regarding?.name ?? e.metadata.name, ...ns(e.regarding?.namespace) },
    count: e.series?.count ?? e.deprecatedCount ?? 1,
    ...(first ? { firstSeen: first } : {}),
    ...lastSeen(e.series?.lastObservedTime ?? orUndefined(e.deprecatedLastTimestamp) ?? first),
    ...(reporter ? { reporter } : {}),
    ...hostOf(e, reporter),
  };
}

/** The kubelet reports its node as the instance (and, for old readers, in deprecatedSource.host). */
function hostOf(e: V1Event, reporter: string | undefined): { host?: string } {
  const host = e.deprecatedSource?.host ?? (reporter === 'kubelet' ? e.reportingInstance : undefined);
  return host ? { host } : {};
}

const ns = (namespace: string | undefined) => (namespace ? { namespace } : {});
const lastSeen = (at: string | undefined) => (at ? { lastSeen: at } : {});

function selector(query: EventQuery, objectField: 'involvedObject' | 'regarding'): string {
  return [
    query.type ? `type=${query.type}` : '',
    query.reason ? `reason=${query.reason}` : '',
    query.kind ? `${objectField}.kind=${query.kind}` : '',
  ]
    .filter(Boolean)
    .join(',');
}

/**
 * Events through events.k8s.io/v1 (the API the kubelet and scheduler write), or through core/v1
 * where that group is not served or not granted: the two are views of the same objects, so one is
 * read, never both. Paged, and capped at `max`.
 */
export async function readEvents(reader: ClusterReader, query: EventQuery, signal?: AbortSignal): Promise<ReadResult<EventsRead>> {
  const v1 = await readAll(reader, query, 'events.k8s.io/v1', signal);
  if (v1.ok || (v1.failure !== 'not-found' && v1.failure !== 'forbidden')) return v1;
  const core = await readAll(reader, query, 'v1', signal);
  // both refused: say so for the API the cluster is most likely to grant
  return core.ok ? core : { ...core, message: `${core.message} (events.k8s.io/v1: ${v1.message})` };
}

async function readAll(
  reader: ClusterReader,
  query: EventQuery,
  api: EventsRead['api'],
  signal?: AbortSignal,
): Promise<ReadResult<EventsRead>> {
  const events: ClusterEvent[] = [];
  let token: string | undefined;
  do {
    const page = { limit: Math.min(PAGE, query.max - events.length), ...(token ? { continue: token } : {}) };
    const path =
      api === 'v1'
        ? paths.events(query.namespace, selector(query, 'involvedObject'), page)
        : paths.eventsV1(query.namespace, selector(query, 'regarding'), page);
    const result = await reader.get<{ metadata?: { continue?: string } }>(path, signal);
    if (!result.ok) return result;
    const list = asList<CoreEvent & V1Event>(result.value);
    if (!list.ok) return { ok: false, failure: 'malformed', message: `unexpected answer from ${api} events: ${list.why}` };
    for (const item of list.value) events.push(api === 'v1' ? fromCore(item) : fromV1(item));
    token = result.value.metadata?.continue || undefined;
  } while (token && events.length < query.max);
  return { ok: true, value: { events: events.slice(0, query.max), api, truncated: Boolean(token) } };
}

/** An event as one row of `kubectl get events`: the shape pastes of events take, so the same signatures read it. */
export function eventRow(e: ClusterEvent): string {
  return `${e.type}  ${e.reason}  ${e.object.kind.toLowerCase()}/${e.object.name}  ${e.message.replace(/\s*\n\s*/g, ' ')}`;
}
