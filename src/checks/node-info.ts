import semver from 'semver';
import { z } from 'zod';
import { safePattern } from '../regex-shape.js';
import type { Check } from './check.js';
import { listNodes, NODE_READS } from './read-helpers.js';

const params = z
  .strictObject({
    runtimeMatches: safePattern.optional().describe('regex on status.nodeInfo.containerRuntimeVersion, e.g. ^containerd://1\\.[0-5]\\.'),
    kubeletRange: z.string().optional().describe('semver range of the kubelet version'),
  })
  .refine((p) => p.runtimeMatches || p.kubeletRange, 'needs runtimeMatches or kubeletRange');

export const nodeInfo: Check<z.infer<typeof params>> = {
  id: 'node-info',
  description: "nodes' kubelet and container runtime versions",
  params,
  reads: () => NODE_READS,
  async run(reader, p, signal) {
    const nodes = await listNodes(reader, signal);
    if (!Array.isArray(nodes)) return nodes;
    const runtime = p.runtimeMatches ? new RegExp(p.runtimeMatches) : undefined;
    const rows = nodes.map((node) => {
      const info = node.status?.nodeInfo ?? {};
      const kubelet = semver.coerce(info.kubeletVersion ?? '')?.version;
      const hit =
        (!runtime || runtime.test(info.containerRuntimeVersion ?? '')) &&
        (!p.kubeletRange || (kubelet !== undefined && semver.satisfies(kubelet, p.kubeletRange)));
      return {
        hit,
        observations: {
          object: `node/${node.metadata.name}`,
          field: 'status.nodeInfo',
          observed: `kubelet ${info.kubeletVersion ?? '?'}, runtime ${info.containerRuntimeVersion ?? '?'}`,
          expected: [p.kubeletRange && `kubelet ${p.kubeletRange}`, p.runtimeMatches && `runtime /${p.runtimeMatches}/`]
            .filter(Boolean)
            .join(', '),
        },
      };
    });
    const hits = rows.filter((r) => r.hit);
    return {
      status: hits.length > 0 ? 'present' : 'absent',
      observations: (hits.length > 0 ? hits : rows).slice(0, 10).map((r) => r.observations),
    };
  },
};
