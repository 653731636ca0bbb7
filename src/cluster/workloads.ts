import type { ContainerStatus, Pod } from './objects.js';

/**
 * Which workload a pod belongs to, from its owner: a ReplicaSet's pods are their Deployment's
 * (the pod-template-hash suffix dropped), a static pod is its component on every node.
 */
export function workloadOf(pod: Pod): string {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller) ?? pod.metadata.ownerReferences?.[0];
  if (!owner) return `Pod/${pod.metadata.name}`;
  if (owner.kind === 'ReplicaSet') {
    const hash = pod.metadata.labels?.['pod-template-hash'];
    const name =
      hash && owner.name.endsWith(`-${hash}`) ? owner.name.slice(0, -hash.length - 1) : owner.name.replace(/-[a-z0-9]{8,10}$/, '');
    return `Deployment/${name}`;
  }
  if (owner.kind === 'Node') {
    const node = pod.spec.nodeName;
    const name = node && pod.metadata.name.endsWith(`-${node}`) ? pod.metadata.name.slice(0, -node.length - 1) : pod.metadata.name;
    return `StaticPod/${name}`;
  }
  return `${owner.kind}/${owner.name}`;
}

/** How much a pod looks like it is in trouble: crash loops and waits first, then restarts, then not ready. */
export function troubleOf(pod: Pod): number {
  const statuses: ContainerStatus[] = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  let score = 0;
  for (const s of statuses) {
    if (s.state?.waiting?.reason && s.state.waiting.reason !== 'PodInitializing' && s.state.waiting.reason !== 'ContainerCreating')
      score += 100;
    if (s.state?.terminated && s.state.terminated.exitCode !== 0) score += 50;
    score += Math.min(s.restartCount ?? 0, 20);
    if (s.ready === false && !s.state?.terminated) score += 5;
  }
  return score;
}

/**
 * At most `limit` pods of one workload to read: the troubled ones first, then one per node so a
 * problem on some nodes only is still seen, in a stable order (by name).
 */
export function pickPods(pods: Pod[], limit: number): Pod[] {
  const ordered = [...pods].sort((a, b) => troubleOf(b) - troubleOf(a) || a.metadata.name.localeCompare(b.metadata.name));
  const picked: Pod[] = [];
  const nodes = new Set<string>();
  for (const pod of ordered) {
    if (picked.length >= limit) break;
    const node = pod.spec.nodeName ?? '';
    if (troubleOf(pod) > 0 || !nodes.has(node)) {
      picked.push(pod);
      nodes.add(node);
    }
  }
  for (const pod of ordered) {
    if (picked.length >= limit) break;
    if (!picked.includes(pod)) picked.push(pod);
  }
  return picked;
}

/** The containers of a pod whose logs say something: every container, and init containers that ran. */
export function containersOf(pod: Pod): Array<{ name: string; init: boolean; restarted: boolean }> {
  const status = (list: ContainerStatus[] | undefined, name: string) => list?.find((s) => s.name === name);
  const init = (pod.spec.initContainers ?? [])
    .map((c) => ({ c, s: status(pod.status?.initContainerStatuses, c.name) }))
    .filter(({ s }) => s?.state?.terminated || s?.state?.running || (s?.restartCount ?? 0) > 0 || s?.lastState?.terminated)
    .map(({ c, s }) => ({ name: c.name, init: true, restarted: (s?.restartCount ?? 0) > 0 && Boolean(s?.lastState?.terminated) }));
  const main = pod.spec.containers.map((c) => {
    const s = status(pod.status?.containerStatuses, c.name);
    return { name: c.name, init: false, restarted: (s?.restartCount ?? 0) > 0 && Boolean(s?.lastState?.terminated) };
  });
  return [...init, ...main];
}
