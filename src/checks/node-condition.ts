import { z } from 'zod';
import { safePattern } from '../regex-shape.js';
import type { Check } from './check.js';
import { listNodes, NODE_READS } from './read-helpers.js';

const params = z.strictObject({
  type: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]*$/, 'must be a node condition type, e.g. Ready')
    .default('Ready'),
  messageMatches: safePattern.optional().describe('regex on the condition message or reason that marks the incident'),
});

export const nodeCondition: Check<z.infer<typeof params>> = {
  id: 'node-condition',
  description: 'nodes whose condition (Ready by default) is not True',
  params,
  reads: () => NODE_READS,
  async run(reader, p, signal) {
    const nodes = await listNodes(reader, signal);
    if (!Array.isArray(nodes)) return nodes;
    const matcher = p.messageMatches ? new RegExp(p.messageMatches, 'i') : undefined;
    const observations = nodes.map((node) => {
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
    const bad = observations.filter((e) => e.bad);
    // Show the failing nodes first; a healthy cluster shows a sample.
    const shown = (bad.length > 0 ? bad : observations).slice(0, 10).map((e) => e.item);
    return { status: bad.length > 0 ? 'present' : 'absent', observations: shown };
  },
};
