import semver from 'semver';

/**
 * The few fields of Kubernetes API objects that checks and the upgrade report read; everything
 * else in an answer is ignored. Shared vocabulary of the read-only port, so no engine borrows
 * another's shapes.
 */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
  ownerReferences?: Array<{ kind: string; name: string; controller?: boolean }>;
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

/** The node fields the checks and the upgrade report read. */
export interface Node {
  metadata: ObjectMeta;
  status?: {
    conditions?: Array<{ type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }>;
    nodeInfo?: { kubeletVersion?: string; containerRuntimeVersion?: string };
  };
  spec?: { taints?: Array<{ key: string; effect: string; value?: string }> };
}

/** The roles a node's labels give it (node-role.kubernetes.io/<role>), e.g. control-plane. */
export function nodeRoles(node: Node): string[] {
  return Object.keys(node.metadata.labels ?? {})
    .filter((key) => key.startsWith('node-role.kubernetes.io/'))
    .map((key) => key.slice('node-role.kubernetes.io/'.length))
    .filter(Boolean);
}

/**
 * The label selector re-checked here, so a proxy or cache that ignores the query cannot widen the
 * match. It covers the grammar `labelSelector` admits at load: key, !key, key=v, key==v, key!=v,
 * key in (a,b), key notin (a,b); commas inside a set do not separate requirements.
 */
export function matchesSelector(labels: Record<string, string> | undefined, selector: string | undefined): boolean {
  if (!selector) return true;
  return selector.split(/,(?![^(]*\))/).every((term) => requirementHolds(labels ?? {}, term.trim()));
}

function requirementHolds(labels: Record<string, string>, term: string): boolean {
  const set = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(term);
  if (set) {
    const [, key = '', op, values = ''] = set;
    const inSet = Object.hasOwn(labels, key) && values.split(',').some((v) => v.trim() === labels[key]);
    return op === 'in' ? inSet : !inSet;
  }
  const comparison = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (comparison) {
    const [, key = '', op, value] = comparison;
    return op === '!=' ? labels[key] !== value : labels[key] === value;
  }
  return term.startsWith('!') ? !Object.hasOwn(labels, term.slice(1)) : Object.hasOwn(labels, term);
}

export function imageVersion(image: string): string | null {
  const tag = image.split('@')[0]?.split('/').pop()?.split(':')[1];
  return tag ? (semver.coerce(tag)?.version ?? null) : null;
}
