import semver from 'semver';
import type { ReadDeclaration } from '../checks/check.js';
import { paths } from '../cluster/api-paths.js';
import { asList, asObject, type Shaped } from '../cluster/api-shapes.js';
import { type ContainerSpec, imageVersion, type ObjectMeta } from '../cluster/objects.js';
import type { ClusterReader } from '../cluster/reader.js';
import type { DISTRIBUTIONS } from '../knowledge/schema.js';
import { LAST_APPLIED_READS } from './last-applied.js';

export type Distribution = (typeof DISTRIBUTIONS)[number] | 'unknown';

export interface Component {
  name: string;
  version: string | null;
  image: string;
  /** e.g. Multus thin or thick */
  variant?: string;
}

export interface NodeVersions {
  name: string;
  kubelet: string;
  runtime: string;
}

export interface ClusterFacts {
  serverVersion: string;
  distribution: Distribution;
  /** what the distribution was recognised by */
  distributionEvidence: string[];
  components: Component[];
  nodes: NodeVersions[];
  /** reads that failed, in plain words */
  gaps: string[];
}

/** Reads detection makes besides the checks; kubetriage rbac includes them. */
export const UPGRADE_DETECTION_READS: ReadDeclaration[] = [
  ...LAST_APPLIED_READS,
  { nonResourceURL: '/version' },
  { nonResourceURL: '/metrics' },
  { apiGroup: '', resource: 'nodes', verb: 'list' },
  { apiGroup: 'apps', resource: 'daemonsets', verb: 'list' },
  { apiGroup: 'apps', resource: 'deployments', verb: 'list', namespace: 'kube-system' },
  { apiGroup: '', resource: 'pods', verb: 'list', namespace: 'kube-system' },
  { apiGroup: '', resource: 'configmaps', verb: 'get', namespace: 'kube-system', name: 'kubeadm-config' },
  { apiGroup: 'config.openshift.io', resource: 'clusterversions', verb: 'get', name: 'version' },
];

interface Node {
  metadata: ObjectMeta;
  spec?: { providerID?: string };
  status?: { nodeInfo?: { kubeletVersion?: string; containerRuntimeVersion?: string } };
}

interface Workload {
  metadata: ObjectMeta;
  spec: { template: { spec: { containers: ContainerSpec[] } } };
}

/** Image name fragments of the add-ons whose versions matter for upgrades. */
const COMPONENTS: Array<[string, RegExp]> = [
  ['calico', /calico\/node:/],
  ['cilium', /cilium\/cilium:/],
  ['flannel', /flannel(?:-io)?\/flannel:|coreos\/flannel:/],
  ['multus', /multus-cni/],
  ['aws-node', /amazon-k8s-cni:/],
  ['coredns', /coredns:/],
  ['kube-proxy', /kube-proxy:/],
];

/** /version is not an API object: it only has to carry the version string. */
function versionInfo(value: unknown): Shaped<{ gitVersion: string }> {
  const gitVersion = (value as { gitVersion?: unknown } | null)?.gitVersion;
  return typeof gitVersion === 'string' ? { ok: true, value: { gitVersion } } : { ok: false, why: 'no gitVersion' };
}

export async function detectCluster(reader: ClusterReader, signal?: AbortSignal): Promise<ClusterFacts> {
  const gaps: string[] = [];
  /** The answer in the shape `shape` checks, or undefined and a gap that says why not. */
  const get = async <T>(path: string, what: string, shape: (value: unknown) => Shaped<T>): Promise<T | undefined> => {
    const result = await reader.get<unknown>(path, signal);
    if (!result.ok) {
      if (result.failure !== 'not-found') gaps.push(`${what}: ${result.failure} (${result.message})`);
      return undefined;
    }
    const shaped = shape(result.value);
    if (shaped.ok) return shaped.value;
    gaps.push(`${what}: malformed (${shaped.why})`);
    return undefined;
  };
  const [version, nodes, daemonSets, deployments, kopsPods, kubeadmConfig, clusterVersion] = await Promise.all([
    get('/version', 'server version', versionInfo),
    get(paths.nodes(), 'nodes', asList<Node>),
    get(paths.workloads('DaemonSet', undefined), 'DaemonSets', asList<Workload>),
    get(paths.workloads('Deployment', 'kube-system'), 'kube-system Deployments', asList<Workload>),
    get(paths.pods('kube-system', 'k8s-app=kube-apiserver'), 'kOps apiserver pods', asList<{ metadata: ObjectMeta }>),
    get(paths.configMap('kube-system', 'kubeadm-config'), 'kubeadm-config', asObject<{ data?: Record<string, string> }>),
    get(paths.clusterVersion(), 'ClusterVersion', asObject<{ status?: { desired?: { version?: string } } }>),
  ]);
  const serverVersion = version?.gitVersion ?? 'unknown';
  const workloads = [...(daemonSets ?? []), ...(deployments ?? [])];
  const components = workloads.flatMap((w) =>
    w.spec.template.spec.containers.flatMap((c) => {
      const image = c.image ?? '';
      const found = COMPONENTS.find(([, pattern]) => pattern.test(image));
      if (!found) return [];
      const variant = found[0] === 'multus' ? (/thick/.test(image) ? 'thick' : 'thin') : undefined;
      return [{ name: found[0], version: imageVersion(image), image, ...(variant ? { variant } : {}) }];
    }),
  );
  const evidence: string[] = [];
  const distribution = recognise(
    serverVersion,
    nodes ?? [],
    workloads,
    kopsPods?.length ?? 0,
    kubeadmConfig ? Object.values(kubeadmConfig.data ?? {}).join('\n') : undefined,
    clusterVersion,
    evidence,
  );
  return {
    serverVersion,
    distribution,
    distributionEvidence: evidence,
    components: dedupe(components),
    nodes: (nodes ?? []).map((n) => ({
      name: n.metadata.name,
      kubelet: n.status?.nodeInfo?.kubeletVersion ?? 'unknown',
      runtime: n.status?.nodeInfo?.containerRuntimeVersion ?? 'unknown',
    })),
    gaps,
  };
}

/** A distribution, the mark its build leaves in the server version, and the node label its node pools carry. */
const MARKED: ReadonlyArray<readonly [Distribution, RegExp | undefined, string | undefined]> = [
  ['gke', /-gke\./, 'cloud.google.com/gke-nodepool'],
  ['aks', undefined, 'kubernetes.azure.com/cluster'],
  ['rke2', /\+rke2/, undefined],
  ['k3s', /\+k3s/, undefined],
];

function recognise(
  serverVersion: string,
  nodes: Node[],
  workloads: Workload[],
  kopsApiservers: number,
  kubeadmConfig: string | undefined,
  clusterVersion: unknown,
  evidence: string[],
): Distribution {
  if (clusterVersion) {
    evidence.push('config.openshift.io ClusterVersion "version" exists');
    return 'okd';
  }
  if (/-eks-/.test(serverVersion) || nodes.some((n) => n.metadata.labels?.['eks.amazonaws.com/nodegroup'])) {
    evidence.push(/-eks-/.test(serverVersion) ? `server version ${serverVersion}` : 'nodes carry eks.amazonaws.com/nodegroup');
    return 'eks';
  }
  // Managed and packaged distributions say who built them in the version string or node labels.
  const labelled = (label: string) => nodes.some((n) => n.metadata.labels?.[label] !== undefined);
  for (const [name, versionMark, label] of MARKED) {
    const inVersion = versionMark?.test(serverVersion) ?? false;
    if (inVersion || (label !== undefined && labelled(label))) {
      evidence.push(inVersion ? `server version ${serverVersion}` : `nodes carry ${label}`);
      return name;
    }
  }
  if (nodes.some((n) => n.spec?.providerID?.startsWith('azure://'))) {
    evidence.push('node providerID azure://');
    return 'aks';
  }
  if (kopsApiservers > 0 || nodes.some((n) => n.metadata.labels?.['kops.k8s.io/instancegroup'])) {
    evidence.push(
      kopsApiservers > 0 ? 'kube-apiserver pods labelled k8s-app=kube-apiserver (kOps)' : 'nodes carry kops.k8s.io/instancegroup',
    );
    return 'kops';
  }
  if (kubeadmConfig !== undefined) {
    evidence.push('kube-system/kubeadm-config exists');
    // Kubespray renders kubeadm-config itself: its etcd certificates live under /etc/ssl/etcd/ssl,
    // and it deploys nodelocaldns by default; kubeadm alone does neither.
    const kubespray: string[] = [];
    if (kubeadmConfig.includes('/etc/ssl/etcd/ssl/'))
      kubespray.push("kubeadm-config names etcd certificates under /etc/ssl/etcd/ssl (Kubespray's layout)");
    if (workloads.some((w) => w.metadata.name === 'nodelocaldns')) kubespray.push('DaemonSet nodelocaldns (Kubespray default)');
    if (kubespray.length > 0) {
      evidence.push(...kubespray);
      return 'kubespray';
    }
    return 'kubeadm';
  }
  return 'unknown';
}

function dedupe(components: Component[]): Component[] {
  const seen = new Map<string, Component>();
  for (const c of components) if (!seen.has(`${c.name}:${c.image}`)) seen.set(`${c.name}:${c.image}`, c);
  return [...seen.values()];
}

/** "v1.27.4-eks-2d98532" → "1.27.4" */
export function kubernetesVersion(gitVersion: string): string | null {
  return semver.coerce(gitVersion)?.version ?? null;
}
