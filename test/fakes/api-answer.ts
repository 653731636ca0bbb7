/**
 * How kube-apiserver answers a GET, for the two fakes (the in-memory reader and the loopback
 * HTTPS server). Tests give data by path, without a query; the fake applies the query itself —
 * label and field selectors, limit and continue — and answers with the real List kind and a
 * resourceVersion, so a check that sends the wrong selector, field or path gets what a real
 * cluster would give it: the wrong objects, a 400 or a 404.
 *
 * Stricter than a real server in one way: a path nobody routed is a 404 even for a collection
 * (a real server answers an empty list), so a typo in a test's route table fails loudly.
 */
import { badRequestStatus, notFoundStatus } from './api-status.js';
import { matchesFields, parseFieldSelector } from './field-selector.js';
import { matchesLabels, parseLabelSelector, SelectorError } from './label-selector.js';
import { answerLog, isPodLogs } from './pod-log.js';

export interface ApiAnswer {
  status: number;
  body: unknown;
  /** a text answer (a pod log), served as text/plain */
  text?: string;
}

/** A resource path, split the way the API server routes it. */
export interface Target {
  /** "/api/v1" or "/apis/<group>/<version>" */
  prefix: string;
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
}

/** List kind and scope of the resources the fakes serve; a kind not listed is served under "<Kind>List" guessed from its name. */
const KINDS: Record<string, { kind: string; namespaced: boolean }> = {
  pods: { kind: 'Pod', namespaced: true },
  events: { kind: 'Event', namespaced: true },
  configmaps: { kind: 'ConfigMap', namespaced: true },
  serviceaccounts: { kind: 'ServiceAccount', namespaced: true },
  nodes: { kind: 'Node', namespaced: false },
  namespaces: { kind: 'Namespace', namespaced: false },
  daemonsets: { kind: 'DaemonSet', namespaced: true },
  deployments: { kind: 'Deployment', namespaced: true },
  statefulsets: { kind: 'StatefulSet', namespaced: true },
  ingresses: { kind: 'Ingress', namespaced: true },
  cronjobs: { kind: 'CronJob', namespaced: true },
  poddisruptionbudgets: { kind: 'PodDisruptionBudget', namespaced: true },
  horizontalpodautoscalers: { kind: 'HorizontalPodAutoscaler', namespaced: true },
  clusterversions: { kind: 'ClusterVersion', namespaced: false },
  apiservices: { kind: 'APIService', namespaced: false },
};

const DEFAULT_RESOURCE_VERSION = '48213000';

export function parseTarget(pathname: string): Target | undefined {
  const parts = pathname.split('/').slice(1).map(decodeURIComponent);
  let prefix: string;
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts[1] === 'v1') {
    [prefix, group, version, rest] = ['/api/v1', '', 'v1', parts.slice(2)];
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    [prefix, group, version, rest] = [`/apis/${parts[1]}/${parts[2]}`, parts[1] as string, parts[2] as string, parts.slice(3)];
  } else return undefined;
  const namespaced = rest[0] === 'namespaces' && rest.length >= 3;
  const [namespace, resource, name] = namespaced ? [rest[1], rest[2], rest[3]] : [undefined, rest[0], rest[1]];
  if (!resource) return undefined;
  return { prefix, group, version, resource, ...(namespace ? { namespace } : {}), ...(name ? { name } : {}) };
}

interface ListBody {
  kind?: string;
  metadata?: { resourceVersion?: string };
  items: Array<{ metadata?: { namespace?: string; name?: string; labels?: Record<string, string> } }>;
}

/** Items that are not API objects (null, no metadata) are a test's deliberately broken answer: served as they are, never filtered. */
const isApiObject = (item: unknown): item is ListBody['items'][number] =>
  typeof item === 'object' && item !== null && typeof (item as { metadata?: unknown }).metadata === 'object';

function isList(body: unknown): body is ListBody {
  return typeof body === 'object' && body !== null && Array.isArray((body as { items?: unknown }).items);
}

function listKind(resource: string): string {
  const known = KINDS[resource]?.kind;
  return `${known ?? resource.replace(/s$/, '').replace(/^./, (c) => c.toUpperCase())}List`;
}

/** Items of a namespaced route carry that namespace, as on the server; an item routed under another namespace is a test bug. */
function inNamespace(items: ListBody['items'], namespace: string, path: string): ListBody['items'] {
  return items.map((item) => {
    if (!isApiObject(item)) return item;
    const own = item.metadata?.namespace;
    if (own !== undefined && own !== namespace) throw new Error(`fake API: ${item.metadata?.name} is in ${own} but routed under ${path}`);
    return { ...item, metadata: { ...item.metadata, namespace } };
  });
}

/** The collection's items: its own route, else the cluster-wide route filtered, else every namespace's routes together. */
function collection(data: ReadonlyMap<string, unknown>, target: Target, pathname: string): ListBody | unknown | undefined {
  const own = data.get(pathname);
  if (own !== undefined)
    return isList(own) && target.namespace ? { ...own, items: inNamespace(own.items, target.namespace, pathname) } : own;
  const clusterWide = `${target.prefix}/${target.resource}`;
  if (target.namespace) {
    const all = data.get(clusterWide);
    if (!isList(all)) return undefined;
    return { ...all, items: all.items.filter((item) => !isApiObject(item) || item.metadata?.namespace === target.namespace) };
  }
  const namespaced = [...data.entries()].flatMap(([path, body]) => {
    const t = parseTarget(path);
    const same = t?.namespace && !t.name && t.prefix === target.prefix && t.resource === target.resource;
    return same && isList(body) ? [inNamespace(body.items, t.namespace as string, path)] : [];
  });
  return namespaced.length > 0 ? { items: namespaced.flat() } : undefined;
}

interface Continue {
  resourceVersion: string;
  start: number;
}

const encodeContinue = (c: Continue) => Buffer.from(JSON.stringify(c)).toString('base64url');

function decodeContinue(token: string): Continue {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Continue;
    if (typeof parsed.start === 'number' && typeof parsed.resourceVersion === 'string') return parsed;
  } catch {
    // fall through: the server's own words for a token it did not issue
  }
  throw new SelectorError('continue key is not valid: illegal base64 data');
}

function page(items: ListBody['items'], query: URLSearchParams, resourceVersion: string) {
  const limitText = query.get('limit');
  const limit = limitText === null ? undefined : Number(limitText);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) throw new SelectorError(`invalid limit: ${limitText}`);
  const token = query.get('continue');
  const start = token ? decodeContinue(token).start : 0;
  // limit=0 means "no limit", as on the server
  const end = limit ? start + limit : items.length;
  const rest = items.length - end;
  return {
    items: items.slice(start, end),
    metadata: {
      resourceVersion,
      ...(rest > 0 ? { continue: encodeContinue({ resourceVersion, start: end }), remainingItemCount: rest } : {}),
    },
  };
}

/**
 * The answer to GET `url` from `data` (bodies by query-less path). A body at a collection path
 * that is not a list is served as it is: that is how a test sends a wrong-shaped 200.
 */
export function answerGet(data: ReadonlyMap<string, unknown>, url: string): ApiAnswer {
  const { pathname, searchParams } = new URL(url, 'https://fake-apiserver.invalid');
  const target = parseTarget(pathname);
  if (!target || target.name) {
    const body = data.get(pathname);
    if (isPodLogs(body)) {
      const log = answerLog(body, searchParams);
      return 'text' in log ? { status: 200, body: log.text, text: log.text } : log;
    }
    if (body !== undefined) return { status: 200, body };
    if (target?.resource === 'pods' && pathname.endsWith('/log'))
      return { status: 404, body: notFoundStatus({ resource: 'pods', name: target.name ?? '' }) };
    return {
      status: 404,
      body: notFoundStatus(target?.name ? { resource: target.resource, name: target.name, group: target.group } : undefined),
    };
  }
  const body = collection(data, target, pathname);
  if (body === undefined) return { status: 404, body: notFoundStatus() };
  if (!isList(body)) return { status: 200, body };
  if (body.kind !== undefined && body.kind !== 'List' && body.kind !== listKind(target.resource))
    throw new Error(`fake API: a ${body.kind} routed at ${pathname}, which serves ${listKind(target.resource)}`);
  try {
    const labels = parseLabelSelector(searchParams.get('labelSelector') ?? '');
    const fields = parseFieldSelector(
      searchParams.get('fieldSelector') ?? '',
      target.group ? `${target.group}/${target.resource}` : target.resource,
    );
    const selected = body.items.filter(
      (item) => !isApiObject(item) || (matchesLabels(item.metadata?.labels, labels) && matchesFields(item, fields)),
    );
    const { items, metadata } = page(selected, searchParams, body.metadata?.resourceVersion ?? DEFAULT_RESOURCE_VERSION);
    return {
      status: 200,
      body: { kind: listKind(target.resource), apiVersion: target.group ? `${target.group}/${target.version}` : 'v1', metadata, items },
    };
  } catch (error) {
    if (error instanceof SelectorError) return { status: 400, body: badRequestStatus(error.message) };
    throw error;
  }
}
