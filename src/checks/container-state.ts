import { z } from 'zod';
import { paths } from '../cluster/api-paths.js';
import { dns1123Label, labelSelector, namespaceName } from '../cluster/k8s-names.js';
import type { ContainerStatus, Pod } from '../cluster/objects.js';
import { safePattern } from '../regex-shape.js';
import type { Check, Observation } from './check.js';
import { readList } from './read-helpers.js';

const params = z.strictObject({
  namespace: namespaceName.optional(),
  labelSelector,
  container: dns1123Label.describe('container name'),
  init: z.boolean().default(false).describe('an init container'),
  messageMatches: safePattern.optional().describe('regex on the waiting/terminated message or reason that marks the incident'),
  reasons: z
    .array(z.string())
    .default(['CrashLoopBackOff', 'Error'])
    .describe('waiting or terminated reasons that mark a failing container'),
});

function failing(status: ContainerStatus, reasons: string[], messageMatches: RegExp | undefined): { failing: boolean; text: string } {
  const states = [status.state?.waiting, status.state?.terminated, status.lastState?.terminated].filter(Boolean) as Array<{
    reason?: string;
    message?: string;
    exitCode?: number;
  }>;
  const text = states.map((s) => [s.reason, s.message].filter(Boolean).join(': ')).join(' | ');
  const failed = states.some((s) => (s.reason && reasons.includes(s.reason)) || (s.exitCode !== undefined && s.exitCode !== 0));
  return { failing: failed && (!messageMatches || messageMatches.test(text)), text };
}

export const containerState: Check<z.infer<typeof params>> = {
  id: 'container-state',
  description: 'whether a container of matching pods is failing, and with which message',
  params,
  reads: (p) => [{ apiGroup: '', resource: 'pods', verb: 'list', ...(p.namespace ? { namespace: p.namespace } : {}) }],
  async run(reader, p, signal) {
    const result = await readList<Pod>(reader, paths.pods(p.namespace, p.labelSelector), `pods ${p.labelSelector}`, signal);
    if (!result.ok) return result.outcome;
    const matcher = p.messageMatches ? new RegExp(p.messageMatches, 'i') : undefined;
    const observations: Observation[] = [];
    let anyFailing = false;
    for (const pod of result.value) {
      const statuses = (p.init ? pod.status?.initContainerStatuses : pod.status?.containerStatuses) ?? [];
      const status = statuses.find((s) => s.name === p.container);
      if (!status) continue;
      const state = failing(status, p.reasons, matcher);
      anyFailing ||= state.failing;
      observations.push({
        object: `${pod.metadata.namespace ?? p.namespace ?? ''}/pod/${pod.metadata.name}`,
        field: `${p.init ? 'initContainer' : 'container'} ${p.container} state`,
        observed: state.text || (status.ready ? 'ready' : 'running'),
        ...(p.messageMatches ? { expected: `failing with /${p.messageMatches}/` } : {}),
      });
    }
    if (observations.length === 0)
      return { status: 'unknown', observations, reason: `no pod matching ${p.labelSelector} has a container named ${p.container}` };
    return { status: anyFailing ? 'present' : 'absent', observations: observations.slice(0, 10) };
  },
};
