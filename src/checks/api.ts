import { paths } from '../cluster/api-paths.js';
import type { ClusterReader, ReadResult } from '../cluster/reader.js';
import { describeFailure } from '../cluster/reader.js';
import type { CheckOutcome, ReadDeclaration } from './check.js';

/** The few fields of API objects the checks read; everything else is ignored. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
}

export interface ContainerSpec {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
}

export interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: {
    waiting?: { reason?: string; message?: string };
    running?: object;
    terminated?: { exitCode?: number; reason?: string; message?: string };
  };
  lastState?: { terminated?: { exitCode?: number; reason?: string; message?: string } };
}

export interface Pod {
  metadata: ObjectMeta;
  spec: { nodeName?: string; containers: ContainerSpec[]; initContainers?: ContainerSpec[] };
  status?: { startTime?: string; containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] };
}

export interface List<T> {
  items: T[];
}

/** An unknown outcome that says which read failed and why. */
export function unreadable(result: Extract<ReadResult, { ok: false }>, what: string): CheckOutcome {
  return { status: 'unknown', evidence: [], reason: `cannot read ${what}: ${describeFailure(result)}` };
}

/** The node fields checks read; every node check lists them the same way. */
export interface Node {
  metadata: ObjectMeta;
  status?: {
    conditions?: Array<{ type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }>;
    nodeInfo?: { kubeletVersion?: string; containerRuntimeVersion?: string };
  };
}

export const NODE_READS: ReadDeclaration[] = [{ apiGroup: '', resource: 'nodes', verb: 'list' }];

/** All nodes, or the unknown outcome that says why there are none to inspect. */
export async function listNodes(reader: ClusterReader, signal: AbortSignal): Promise<Node[] | CheckOutcome> {
  const result = await reader.get<List<Node>>(paths.nodes(), signal);
  if (!result.ok) return unreadable(result, 'nodes');
  if (result.value.items.length === 0) return { status: 'unknown', evidence: [], reason: 'the cluster lists no nodes' };
  return result.value.items;
}
