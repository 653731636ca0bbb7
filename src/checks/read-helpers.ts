import { paths } from '../cluster/api-paths.js';
import { asList, asObject } from '../cluster/api-shapes.js';
import type { Node } from '../cluster/objects.js';
import type { ClusterReader, ReadResult } from '../cluster/reader.js';
import { describeFailure } from '../cluster/reader.js';
import type { CheckOutcome, ReadDeclaration } from './check.js';

/** A 200 that is not what the API serves for this read (a proxy's page, a wrong path): unknown, never a verdict read from nothing. */
export function unexpected(what: string, why: string): CheckOutcome {
  return { status: 'unknown', observations: [], reason: `unexpected answer from ${what}: ${why}` };
}

export type Read<T> = { ok: true; value: T } | { ok: false; outcome: CheckOutcome };

/** A List read: its items, each an API object with metadata, or the unknown outcome that says why not. */
export async function readList<T>(reader: ClusterReader, path: string, what: string, signal: AbortSignal): Promise<Read<T[]>> {
  const result = await reader.get<unknown>(path, signal);
  if (!result.ok) return { ok: false, outcome: unreadable(result, what) };
  const list = asList<T>(result.value);
  return list.ok ? list : { ok: false, outcome: unexpected(what, list.why) };
}

/** A named object read: the object, with metadata, or the unknown outcome that says why not. */
export async function readObject<T>(reader: ClusterReader, path: string, what: string, signal: AbortSignal): Promise<Read<T>> {
  const result = await reader.get<unknown>(path, signal);
  if (!result.ok) return { ok: false, outcome: unreadable(result, what) };
  const object = asObject<T>(result.value);
  return object.ok ? object : { ok: false, outcome: unexpected(what, object.why) };
}

/** An unknown outcome that says which read failed and why. */
export function unreadable(result: Extract<ReadResult, { ok: false }>, what: string): CheckOutcome {
  return { status: 'unknown', observations: [], reason: `cannot read ${what}: ${describeFailure(result)}` };
}

export const NODE_READS: ReadDeclaration[] = [{ apiGroup: '', resource: 'nodes', verb: 'list' }];

/** All nodes, or the unknown outcome that says why there are none to inspect. */
export async function listNodes(reader: ClusterReader, signal: AbortSignal): Promise<Node[] | CheckOutcome> {
  const result = await readList<Node>(reader, paths.nodes(), 'nodes', signal);
  if (!result.ok) return result.outcome;
  if (result.value.length === 0) return { status: 'unknown', observations: [], reason: 'the cluster lists no nodes' };
  return result.value;
}

export interface ConfigMap {
  metadata: { name: string; namespace?: string };
  data?: Record<string, string>;
}

/** A named ConfigMap (the one object several checks read a field of), or why it could not be read. */
export function readConfigMap(reader: ClusterReader, namespace: string, name: string, signal: AbortSignal): Promise<Read<ConfigMap>> {
  return readObject<ConfigMap>(reader, paths.configMap(namespace, name), `configmap ${namespace}/${name}`, signal);
}
