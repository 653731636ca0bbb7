import { z } from 'zod';
import { type List, type ObjectMeta, paths, read, unreadable } from './api.js';
import type { Check } from './check.js';

const params = z.strictObject({
  type: z.string().default('Ready'),
  messageMatches: z.string().optional().describe('regex on the condition message or reason that marks the incident'),
});

interface Node {
  metadata: ObjectMeta;
  status?: { conditions?: Array<{ type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }> };
}

export const nodeCondition: Check<z.infer<typeof params>> = {
  id: 'node-condition',
  description: 'nodes whose condition (Ready by default) is not True',
  params,
  reads: () => [{ apiGroup: '', resource: 'nodes', verb: 'list' }],
  async run(reader, p, signal) {
    const result = await read<List<Node>>(reader, paths.nodes(), signal);
    if (!result.ok) return unreadable(result, 'nodes');
    if (result.value.items.length === 0) return { status: 'unknown', evidence: [], reason: 'the cluster lists no nodes' };
    const matcher = p.messageMatches ? new RegExp(p.messageMatches, 'i') : undefined;
    const evidence = result.value.items.map((node) => {
      const c = node.status?.conditions?.find((x) => x.type === p.type);
      return {
        node,
        bad: c !== undefined && c.status !== 'True' && (!matcher || matcher.test(`${c.reason ?? ''} ${c.message ?? ''}`)),
        item: {
          object: `node/${node.metadata.name}`,
          field: `status.conditions[${p.type}]`,
          observed: c ? `${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}` : 'missing',
          expected: `not True${p.messageMatches ? ` with /${p.messageMatches}/` : ''}`,
        },
      };
    });
    const bad = evidence.filter((e) => e.bad);
    // Show the failing nodes first; a healthy cluster shows a sample.
    const shown = (bad.length > 0 ? bad : evidence).slice(0, 10).map((e) => e.item);
    return { status: bad.length > 0 ? 'present' : 'absent', evidence: shown };
  },
};
