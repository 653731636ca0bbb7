import { paths } from '../cluster/api-paths.js';
import type { List, Node } from '../cluster/objects.js';
import type { ClusterReader, ReadResult } from '../cluster/reader.js';
import { describeFailure } from '../cluster/reader.js';
import type { CheckOutcome, ReadDeclaration } from './check.js';

/** An unknown outcome that says which read failed and why. */
export function unreadable(result: Extract<ReadResult, { ok: false }>, what: string): CheckOutcome {
  return { status: 'unknown', evidence: [], reason: `cannot read ${what}: ${describeFailure(result)}` };
}

export const NODE_READS: ReadDeclaration[] = [{ apiGroup: '', resource: 'nodes', verb: 'list' }];

/** All nodes, or the unknown outcome that says why there are none to inspect. */
export async function listNodes(reader: ClusterReader, signal: AbortSignal): Promise<Node[] | CheckOutcome> {
  const result = await reader.get<List<Node>>(paths.nodes(), signal);
  if (!result.ok) return unreadable(result, 'nodes');
  if (result.value.items.length === 0) return { status: 'unknown', evidence: [], reason: 'the cluster lists no nodes' };
  return result.value.items;
}
