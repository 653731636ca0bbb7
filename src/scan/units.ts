import pLimit from 'p-limit';
import { paths } from '../cluster/api-paths.js';
import { asList } from '../cluster/api-shapes.js';
import { type ClusterEvent, eventRow, readEvents } from '../cluster/events.js';
import { LIVE_LIMITS } from '../cluster/live-limits.js';
import { type Node, nodeRoles, type Pod } from '../cluster/objects.js';
import { logCommand, readContainerLog } from '../cluster/pod-logs.js';
import { type ClusterReader, describeFailure } from '../cluster/reader.js';
import { containersOf, pickPods, workloadOf } from '../cluster/workloads.js';
import type { ScanProgress, ScanReport, ScanSource } from './types.js';

/** One piece of live text a scan matches on its own, with where it came from. */
export interface TextUnit {
  source: ScanSource;
  /** the pod, the event's object, or the node */
  object: string;
  /** which part of the object: the container, and whether its previous run */
  part?: string;
  /** logs: the workload the pod belongs to, and how many pods it has */
  workload?: { name: string; pods: number };
  namespace?: string;
  node?: string;
  lines: string[];
  /** logs: the `kubectl logs` command that printed the lines; they are matched after it, as a user pastes them */
  command?: string;
  /** per line, when it was printed (logs) */
  times?: Array<string | undefined>;
  /** how often it happened (events: the sum of counts), else 1 */
  count: number;
  firstSeen?: string;
  lastSeen?: string;
}

export interface Collected {
  units: TextUnit[];
  /** node name → its roles (control-plane, worker), for where a finding was seen */
  roles: Map<string, string[]>;
  read: ScanReport['read'];
  unread: ScanReport['unread'];
  complete: boolean;
}

type Progress = (p: ScanProgress) => void;

const HEALTHY: Record<string, string> = {
  Ready: 'True',
  NetworkUnavailable: 'False',
  MemoryPressure: 'False',
  DiskPressure: 'False',
  PIDPressure: 'False',
};

/** A node condition that is not in its healthy state, as `kubectl describe node` prints it in its Conditions table. */
function nodeUnits(nodes: Node[]): TextUnit[] {
  return nodes.flatMap((node) =>
    (node.status?.conditions ?? [])
      .filter((c) => HEALTHY[c.type] !== undefined && c.status !== HEALTHY[c.type])
      .map((c) => ({
        source: 'nodes' as const,
        object: `node/${node.metadata.name}`,
        node: node.metadata.name,
        lines: [`${c.type}  ${c.status}  ${c.reason ?? ''}  ${c.message ?? ''}`.trim()],
        count: 1,
        ...(c.lastTransitionTime ? { firstSeen: c.lastTransitionTime, lastSeen: c.lastTransitionTime } : {}),
      })),
  );
}

/** Each Warning event as its `kubectl get events` row. */
function eventUnits(events: ClusterEvent[]): TextUnit[] {
  return events.map((e) => ({
    source: 'events' as const,
    object: `${e.object.namespace ? `${e.object.namespace}/` : ''}${e.object.kind.toLowerCase()}/${e.object.name}`,
    ...(e.object.namespace ? { namespace: e.object.namespace } : {}),
    ...(e.object.kind === 'Node' ? { node: e.object.name } : e.host ? { node: e.host } : {}),
    lines: [eventRow(e)],
    count: e.count,
    ...(e.firstSeen ? { firstSeen: e.firstSeen } : {}),
    ...(e.lastSeen ? { lastSeen: e.lastSeen } : {}),
  }));
}

/**
 * Reads what a scan matches: node conditions, recent Warning events in every namespace, and the
 * recent logs of the system workloads — each bounded, each failure a reason in the report.
 */
export async function collectUnits(
  reader: ClusterReader,
  namespaces: readonly string[],
  signal: AbortSignal,
  progress: Progress = () => undefined,
): Promise<Collected> {
  const unread: ScanReport['unread'] = [];
  const read: ScanReport['read'] = { nodes: 0, events: 0, namespaces: [], pods: 0, logs: 0, logBytes: 0 };
  const units: TextUnit[] = [];
  const roles = new Map<string, string[]>();
  let complete = true;

  progress({ phase: 'nodes', done: 0, total: 1 });
  const nodes = await reader.get<unknown>(paths.nodes(), signal);
  const nodeList = nodes.ok ? asList<Node>(nodes.value) : undefined;
  if (nodeList?.ok) {
    read.nodes = nodeList.value.length;
    for (const n of nodeList.value) roles.set(n.metadata.name, nodeRoles(n));
    units.push(...nodeUnits(nodeList.value));
  } else {
    complete = false;
    unread.push({
      what: 'nodes',
      reason: nodes.ok ? `unexpected answer: ${nodeList?.ok === false ? nodeList.why : ''}` : describeFailure(nodes),
    });
    // no answer at all: the cluster cannot be read, and every further read would wait as long
    if (!nodes.ok && ['unreachable', 'timeout', 'tls', 'unauthorized'].includes(nodes.failure))
      return { units, roles, read, unread, complete };
  }

  progress({ phase: 'events', done: 0, total: 1 });
  const events = await readEvents(reader, { type: 'Warning', max: LIVE_LIMITS.maxEvents }, signal);
  if (events.ok) {
    read.events = events.value.events.length;
    read.eventsApi = events.value.api;
    if (events.value.truncated)
      unread.push({
        what: 'events',
        reason: `more than ${LIVE_LIMITS.maxEvents} Warning events: only the first ${LIVE_LIMITS.maxEvents} were read`,
      });
    units.push(...eventUnits(events.value.events));
  } else {
    complete = false;
    unread.push({ what: 'Warning events', reason: describeFailure(events) });
  }

  const pods: Pod[] = [];
  for (const namespace of namespaces) {
    if (signal.aborted) break;
    const listed = await reader.get<{ metadata?: { continue?: string } }>(paths.podsPage(namespace, { limit: 500 }), signal);
    if (!listed.ok) {
      if (listed.failure === 'forbidden')
        unread.push({ what: `logs in ${namespace}`, reason: `not granted (apply the RBAC for ${namespace}: kubetriage rbac)` });
      else if (listed.failure !== 'not-found') unread.push({ what: `pods in ${namespace}`, reason: describeFailure(listed) });
      continue;
    }
    const list = asList<Pod>(listed.value);
    if (!list.ok) {
      unread.push({ what: `pods in ${namespace}`, reason: `unexpected answer: ${list.why}` });
      continue;
    }
    if (list.value.length === 0) continue;
    read.namespaces.push(namespace);
    read.pods += list.value.length;
    if (listed.value.metadata?.continue)
      unread.push({ what: `pods in ${namespace}`, reason: 'more than 500 pods: only the first 500 were considered' });
    pods.push(...list.value.map((pod) => ({ ...pod, metadata: { ...pod.metadata, namespace } })));
  }

  units.push(...(await logUnits(reader, pods, signal, read, unread, progress)));
  return { units, roles, read, unread, complete };
}

async function logUnits(
  reader: ClusterReader,
  pods: Pod[],
  signal: AbortSignal,
  read: ScanReport['read'],
  unread: ScanReport['unread'],
  progress: Progress,
): Promise<TextUnit[]> {
  const workloads = new Map<string, Pod[]>();
  for (const pod of pods) {
    const key = `${pod.metadata.namespace}/${workloadOf(pod)}`;
    workloads.set(key, [...(workloads.get(key) ?? []), pod]);
  }
  const reads = [...workloads].flatMap(([key, group]) =>
    pickPods(group, LIVE_LIMITS.podsPerWorkload).flatMap((pod) =>
      containersOf(pod).flatMap((c) =>
        (c.restarted ? [false, true] : [false]).map((previous) => ({
          pod,
          container: c.name,
          previous,
          workload: { name: key, pods: group.length },
        })),
      ),
    ),
  );
  const limitBytes = Math.max(16 * 1024, Math.min(LIVE_LIMITS.logBytes, Math.floor(LIVE_LIMITS.scanLogBytes / Math.max(1, reads.length))));
  const limit = pLimit(LIVE_LIMITS.concurrency);
  const units: TextUnit[] = [];
  const failures: string[] = [];
  let done = 0;
  let skipped = 0;
  progress({ phase: 'logs', done, total: reads.length });
  await Promise.all(
    reads.map(({ pod, container, previous, workload }) =>
      limit(async () => {
        if (signal.aborted || read.logBytes >= LIVE_LIMITS.scanLogBytes) {
          skipped += 1;
          return;
        }
        const namespace = pod.metadata.namespace as string;
        const query = { container, previous, tailLines: LIVE_LIMITS.tailLines, sinceSeconds: LIVE_LIMITS.sinceSeconds, limitBytes };
        const log = await readContainerLog(reader, namespace, pod.metadata.name, query, signal);
        done += 1;
        progress({ phase: 'logs', done, total: reads.length });
        if (!log.ok) {
          // 400: the container has not started (no log yet), or has no previous run: nothing to read
          if (log.status !== 400) failures.push(`${namespace}/${pod.metadata.name}/${container}: ${describeFailure(log)}`);
          return;
        }
        read.logs += 1;
        read.logBytes += log.value.bytes;
        if (log.value.lines.length === 0) return;
        units.push({
          source: 'logs',
          object: `${namespace}/pod/${pod.metadata.name}`,
          part: `${container}${previous ? ' (previous run)' : ''}`,
          workload,
          namespace,
          ...(pod.spec.nodeName ? { node: pod.spec.nodeName } : {}),
          lines: log.value.lines,
          command: logCommand(namespace, pod.metadata.name, query),
          times: log.value.times,
          count: 1,
        });
      }),
    ),
  );
  if (failures.length > 0)
    unread.push({
      what: `${failures.length} container log(s)`,
      reason: failures.slice(0, 3).join('; ') + (failures.length > 3 ? '; …' : ''),
    });
  if (skipped > 0)
    unread.push({
      what: `${skipped} container log(s)`,
      reason: signal.aborted
        ? 'the scan ran out of time'
        : `the scan's log budget (${LIVE_LIMITS.scanLogBytes / 1024 / 1024} MB) was reached`,
    });
  return units;
}
