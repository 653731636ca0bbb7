import { z } from 'zod';
import { paths } from '../cluster/api-paths.js';
import type { Pod } from '../cluster/objects.js';
import { safePattern } from '../regex-shape.js';
import type { Check } from './check.js';
import { readList } from './read-helpers.js';

const params = z.strictObject({
  flag: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .describe('flag name without dashes, e.g. service-account-issuer'),
  matches: safePattern.describe('regex every value must match for the incident to be present'),
  maxValues: z.number().int().positive().optional().describe('present only when an apiserver has at most this many values'),
});

/** kOps labels the static pod k8s-app=kube-apiserver, kubeadm component=kube-apiserver. */
const SELECTORS = ['k8s-app=kube-apiserver', 'component=kube-apiserver'];

/** Flags may sit in command or args, or inside one shell string (kOps wraps the command). */
export function flagValues(pod: Pod, flag: string): string[] {
  const tokens = pod.spec.containers.flatMap((c) => [...(c.command ?? []), ...(c.args ?? [])]).flatMap((part) => part.split(/\s+/));
  const values: string[] = [];
  tokens.forEach((token, i) => {
    const clean = token.replace(/^["']|["']$/g, '');
    if (clean.startsWith(`--${flag}=`)) values.push(clean.slice(flag.length + 3));
    else if (clean === `--${flag}` && tokens[i + 1]) values.push((tokens[i + 1] as string).replace(/^["']|["']$/g, ''));
  });
  return values;
}

export const apiserverFlag: Check<z.infer<typeof params>> = {
  id: 'apiserver-flag',
  description: 'values of a kube-apiserver flag on every control-plane node',
  params,
  reads: () => [{ apiGroup: '', resource: 'pods', verb: 'list', namespace: 'kube-system' }],
  async run(reader, p, signal) {
    const pods: Pod[] = [];
    for (const selector of SELECTORS) {
      const result = await readList<Pod>(reader, paths.pods('kube-system', selector), 'kube-apiserver pods in kube-system', signal);
      if (!result.ok) return result.outcome;
      pods.push(...result.value);
    }
    if (pods.length === 0)
      return { status: 'unknown', observations: [], reason: 'no kube-apiserver pods are visible (a managed control plane hides them)' };
    const pattern = new RegExp(p.matches);
    const observations = pods.map((pod) => ({
      object: `kube-system/pod/${pod.metadata.name}`,
      field: `--${p.flag}`,
      observed: flagValues(pod, p.flag),
      expected: `${p.maxValues ? `at most ${p.maxValues} value(s), ` : ''}all matching /${p.matches}/`,
    }));
    const present = observations.some(
      (e) =>
        e.observed.length > 0 &&
        e.observed.every((v) => pattern.test(v)) &&
        (p.maxValues === undefined || e.observed.length <= p.maxValues),
    );
    return { status: present ? 'present' : 'absent', observations };
  },
};
