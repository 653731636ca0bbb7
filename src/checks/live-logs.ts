import pLimit from 'p-limit';
import { z } from 'zod';
import { paths } from '../cluster/api-paths.js';
import { dns1123Label, labelSelector, namespaceName } from '../cluster/k8s-names.js';
import { ago, LIVE_LIMITS } from '../cluster/live-limits.js';
import { type Node, nodeRoles, type Pod } from '../cluster/objects.js';
import { inLog, logAsPaste, readContainerLog } from '../cluster/pod-logs.js';
import { describeFailure } from '../cluster/reader.js';
import { containersOf, pickPods } from '../cluster/workloads.js';
import type { Check, CheckOutcome, Observation, RecognisedLine } from './check.js';
import { NEEDS_KNOWLEDGE, signatureIds, signaturesOnly } from './live-text.js';
import { readList } from './read-helpers.js';

const params = z.strictObject({
  namespace: namespaceName,
  labelSelector: labelSelector.describe("the workload's pods, e.g. k8s-app=calico-node"),
  container: dns1123Label.optional().describe('only this container (init containers too, e.g. install-cni); default: every container'),
  signatures: signatureIds,
  maxPods: z.int().min(1).max(20).default(5).describe('pods whose logs are read (the troubled ones first, then one per node)'),
  previous: z
    .enum(['auto', 'always', 'never'])
    .default('auto')
    .describe("auto: also the previous run's log of a container that restarted (what a crash-looping container printed before it died)"),
});

type Params = z.infer<typeof params>;

interface LogHit {
  pod: Pod;
  container: string;
  previous: boolean;
  line: RecognisedLine;
  at?: string;
}

export const liveLogs: Check<Params> = {
  id: 'live-logs',
  description: "the incident's own signatures in the recent logs of a workload's pods",
  params,
  reads: (p) => [
    { apiGroup: '', resource: 'pods', verb: 'list', namespace: p.namespace },
    { apiGroup: '', resource: 'pods/log', verb: 'get', namespace: p.namespace },
    { apiGroup: '', resource: 'nodes', verb: 'list' },
  ],
  async run(reader, p, signal, context) {
    if (!context) return { status: 'unknown', observations: [], reason: NEEDS_KNOWLEDGE };
    const listed = await readList<Pod>(reader, paths.pods(p.namespace, p.labelSelector), `pods ${p.labelSelector}`, signal);
    if (!listed.ok) return listed.outcome;
    const pods = listed.value;
    if (pods.length === 0) return { status: 'unknown', observations: [], reason: `no pod in ${p.namespace} matches ${p.labelSelector}` };

    const reads = pickPods(pods, p.maxPods).flatMap((pod) =>
      containersOf(pod)
        .filter((c) => !p.container || c.name === p.container)
        .flatMap((c) => {
          const runs = p.previous === 'never' ? [false] : p.previous === 'always' || c.restarted ? [false, true] : [false];
          return runs.map((previous) => ({ pod, container: c.name, previous }));
        }),
    );
    if (reads.length === 0)
      return { status: 'unknown', observations: [], reason: `no pod matching ${p.labelSelector} has a container named ${p.container}` };

    const limitBytes = Math.max(4096, Math.min(LIVE_LIMITS.logBytes, Math.floor(LIVE_LIMITS.checkLogBytes / reads.length)));
    const limit = pLimit(LIVE_LIMITS.concurrency);
    const hits: LogHit[] = [];
    const failures: string[] = [];
    let read = 0;
    await Promise.all(
      reads.map(({ pod, container, previous }) =>
        limit(async () => {
          if (signal.aborted) return;
          const query = { container, previous, tailLines: LIVE_LIMITS.tailLines, sinceSeconds: LIVE_LIMITS.sinceSeconds, limitBytes };
          const log = await readContainerLog(reader, p.namespace, pod.metadata.name, query, signal);
          if (!log.ok) {
            // a container that has not started has no log yet: nothing to read, not a failure to report
            if (log.status !== 400) failures.push(`${pod.metadata.name}/${container}: ${describeFailure(log)}`);
            return;
          }
          read += 1;
          const recognised = signaturesOnly(
            context.recognise(logAsPaste(p.namespace, pod.metadata.name, query, log.value.lines)),
            p.signatures,
          );
          for (const line of inLog(recognised)) hits.push({ pod, container, previous, line, at: log.value.times[line.line - 1] });
        }),
      ),
    );
    if (hits.length === 0) return noHits(p, pods.length, read, failures);
    return { status: 'present', observations: await scoped(reader, p, pods.length, hits, signal) };
  },
};

function noHits(p: Params, matching: number, read: number, failures: string[]): CheckOutcome {
  if (failures.length > 0 || read === 0)
    return {
      status: 'unknown',
      observations: [],
      reason: failures.length > 0 ? `cannot read the logs of ${failures.slice(0, 3).join('; ')}` : 'no container log could be read',
    };
  const observation: Observation = {
    object: `${p.namespace}/pods ${p.labelSelector}`,
    field: 'recent logs',
    observed: `${read} log(s) of ${Math.min(matching, p.maxPods)} of ${matching} pod(s) read (last ${LIVE_LIMITS.sinceSeconds / 3600} h, at most ${LIVE_LIMITS.tailLines} lines each): the incident's signatures do not appear`,
    expected: p.signatures ? `signatures ${p.signatures.join(', ')}` : "one of the incident's signatures",
  };
  return { status: 'absent', observations: [observation] };
}

/** Where it was seen: how many of the pods read, on which nodes (and their roles), since when; then the lines. */
async function scoped(
  reader: Parameters<Check<Params>['run']>[0],
  p: Params,
  matching: number,
  hits: LogHit[],
  signal: AbortSignal,
): Promise<Observation[]> {
  const pods = [...new Set(hits.map((h) => h.pod))];
  const nodeNames = [...new Set(pods.map((pod) => pod.spec.nodeName).filter((n): n is string => Boolean(n)))].sort();
  const nodes = await readList<Node>(reader, paths.nodes(), 'nodes', signal);
  const roles = nodes.ok ? [...new Set(nodes.value.filter((n) => nodeNames.includes(n.metadata.name)).flatMap(nodeRoles))].sort() : [];
  const first = hits
    .map((h) => h.at)
    .filter((t): t is string => Boolean(t))
    .sort()[0];
  const where =
    nodeNames.length > 0 ? `; on node(s) ${nodeNames.slice(0, 5).join(', ')}${roles.length ? ` (${roles.join(', ')})` : ''}` : '';
  const since = ago(first);
  const scope: Observation = {
    object: `${p.namespace}/pods ${p.labelSelector}`,
    field: 'scope',
    observed: `${pods.length} of ${Math.min(matching, p.maxPods)} pod(s) read show it (${matching} match ${p.labelSelector})${where}${since ? `; first seen ${since}` : ''}`,
  };
  const lines = pods.slice(0, 5).map((pod): Observation => {
    const hit = hits.find((h) => h.pod === pod) as LogHit;
    return {
      object: `${p.namespace}/pod/${pod.metadata.name}`,
      field: `log of ${hit.container}${hit.previous ? ' (previous run)' : ''}${hit.at ? ` at ${hit.at}` : ''}`,
      observed: hit.line.text,
      expected: `signature ${hit.line.signature}`,
    };
  });
  return [scope, ...lines];
}
