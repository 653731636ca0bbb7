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

/** The node fields the checks and the upgrade report read. */
export interface Node {
  metadata: ObjectMeta;
  status?: {
    conditions?: Array<{ type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }>;
    nodeInfo?: { kubeletVersion?: string; containerRuntimeVersion?: string };
  };
}

/** Equality selectors (a=b,c=d) re-checked here, so a proxy or cache that ignores the query cannot widen the match. */
export function matchesSelector(labels: Record<string, string> | undefined, selector: string | undefined): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const [key, value] = term.split('=');
    return key !== undefined && value !== undefined && labels?.[key.trim()] === value.trim();
  });
}

export function imageVersion(image: string): string | null {
  const tag = image.split('@')[0]?.split('/').pop()?.split(':')[1];
  return tag ? (semver.coerce(tag)?.version ?? null) : null;
}
