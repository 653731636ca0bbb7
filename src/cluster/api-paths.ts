/**
 * The one place API paths are built. Every segment is percent-encoded, so no value — however it
 * reached us — can add a segment, climb with "..", start a query or a fragment; the transport
 * re-checks the final URL anyway (path-policy.ts), this only makes the honest path the easy one.
 */
function apiPath(segments: ReadonlyArray<string>, query: Record<string, string | undefined> = {}): string {
  const encoded = segments.map((segment) => {
    if (segment === '' || segment === '.' || segment === '..') throw new Error(`"${segment}" is not a path segment`);
    return encodeURIComponent(segment);
  });
  const qs = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value ?? '')}`)
    .join('&');
  return `/${encoded.join('/')}${qs ? `?${qs}` : ''}`;
}

const core = (namespace: string | undefined, resource: string, name?: string) => [
  'api',
  'v1',
  ...(namespace ? ['namespaces', namespace] : []),
  resource,
  ...(name ? [name] : []),
];

const group = (apiGroup: string, version: string, namespace: string | undefined, resource: string, name?: string) => [
  'apis',
  apiGroup,
  version,
  ...(namespace ? ['namespaces', namespace] : []),
  resource,
  ...(name ? [name] : []),
];

export type WorkloadKind = 'DaemonSet' | 'Deployment';

/** The query of a pod log read: always bounded (tail, age and bytes), never followed. */
export interface LogQuery {
  container: string;
  tailLines: number;
  sinceSeconds: number;
  limitBytes: number;
  /** the log of the container's previous run: what a crash-looping container printed before it died */
  previous?: boolean;
}

/** One page of a List: the API server's limit and continue token, so a big cluster is read in bounded pieces. */
export interface Page {
  limit?: number;
  continue?: string;
}

const pageQuery = (page: Page) => ({ limit: page.limit ? String(page.limit) : undefined, continue: page.continue });

/** The reads the checks and the upgrade report make, by what they read. */
export const paths = {
  pods: (namespace: string | undefined, labelSelector?: string) => apiPath(core(namespace, 'pods'), { labelSelector }),
  configMap: (namespace: string, name: string) => apiPath(core(namespace, 'configmaps', name)),
  serviceAccount: (namespace: string, name: string) => apiPath(core(namespace, 'serviceaccounts', name)),
  nodes: (labelSelector?: string) => apiPath(core(undefined, 'nodes'), { labelSelector }),
  events: (namespace: string | undefined, fieldSelector: string, page: Page = {}) =>
    apiPath(core(namespace, 'events'), { fieldSelector, ...pageQuery(page) }),
  /** the same events through events.k8s.io/v1, whose field selectors name `regarding.*` instead of `involvedObject.*` */
  eventsV1: (namespace: string | undefined, fieldSelector: string, page: Page = {}) =>
    apiPath(group('events.k8s.io', 'v1', namespace, 'events'), { fieldSelector, ...pageQuery(page) }),
  podsPage: (namespace: string | undefined, page: Page) => apiPath(core(namespace, 'pods'), pageQuery(page)),
  podLog: (namespace: string, pod: string, q: LogQuery) => {
    // without it the server picks a container itself: the log read must be the one asked for
    if (q.container === '') throw new Error('a pod log read names its container');
    return (
      // spelled out, not core(): an empty pod name must be refused, not dropped into ".../pods/log" (the pod named "log")
      apiPath(['api', 'v1', 'namespaces', namespace, 'pods', pod, 'log'], {
        container: q.container,
        tailLines: String(q.tailLines),
        sinceSeconds: String(q.sinceSeconds),
        limitBytes: String(q.limitBytes),
        // each line prefixed with its RFC 3339 time: where a finding was first seen
        timestamps: 'true',
        previous: q.previous ? 'true' : undefined,
      })
    );
  },
  workloads: (kind: WorkloadKind, namespace: string | undefined, labelSelector?: string) =>
    apiPath(group('apps', 'v1', namespace, kind === 'DaemonSet' ? 'daemonsets' : 'deployments'), { labelSelector }),
  podDisruptionBudgets: (namespace: string | undefined) => apiPath(group('policy', 'v1', namespace, 'poddisruptionbudgets')),
  namespaces: () => apiPath(core(undefined, 'namespaces')),
  apiServices: () => apiPath(group('apiregistration.k8s.io', 'v1', undefined, 'apiservices')),
  /** the resources an API group version serves (discovery); 404 when it is not served */
  discovery: (apiGroup: string, version: string) => apiPath(apiGroup === '' ? ['api', version] : ['apis', apiGroup, version]),
  clusterVersion: () => apiPath(group('config.openshift.io', 'v1', undefined, 'clusterversions', 'version')),
};
