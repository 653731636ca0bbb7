import { KubeConfig } from '@kubernetes/client-node';
import { KubetriageError } from '../errors.js';
import { httpsTransport } from './https-transport.js';
import type { ClusterReader, ReadResult } from './reader.js';

export const IN_CLUSTER = 'in-cluster';

export interface ClusterSettings {
  /** kubeconfig files (KUBECONFIG, colon-separated); never ~/.kube/config implicitly */
  kubeconfigPaths: string[];
  /** allowed names; empty = every context of the given files */
  allowed: string[];
  /** channel id → clusters that channel may check; channels not listed may check every allowed cluster */
  channelClusters: Record<string, string[]>;
  requestTimeoutMs: number;
  /** kubeconfig exec plugins run commands: only when the operator says so */
  allowExecAuth: boolean;
}

export class ClusterConfigError extends KubetriageError {
  constructor(message: string) {
    super('CLUSTER_CONFIG_INVALID', message);
  }
}

/** Named clusters are configuration; an unknown name is an answer, never a fallback to some default. */
export class ClusterRegistry {
  private constructor(
    private readonly configs: Map<string, KubeConfig>,
    private readonly settings: ClusterSettings,
  ) {}

  static load(settings: ClusterSettings): ClusterRegistry {
    const configs = new Map<string, KubeConfig>();
    for (const path of settings.kubeconfigPaths) {
      const file = new KubeConfig();
      try {
        file.loadFromFile(path);
      } catch (error) {
        throw new ClusterConfigError(`cannot read kubeconfig ${path}: ${(error as Error).message}`);
      }
      for (const context of file.getContexts()) {
        if (settings.allowed.length > 0 && !settings.allowed.includes(context.name)) continue;
        if (configs.has(context.name)) continue; // like kubectl: the first file that names a context wins
        configs.set(context.name, singleContext(file, context.name, settings.allowExecAuth, path));
      }
    }
    if (settings.allowed.includes(IN_CLUSTER)) {
      const kc = new KubeConfig();
      kc.loadFromCluster();
      configs.set(IN_CLUSTER, kc);
    }
    const missing = settings.allowed.filter((name) => !configs.has(name));
    if (missing.length > 0) {
      throw new ClusterConfigError(`KUBETRIAGE_CLUSTERS names ${missing.join(', ')}, but no kubeconfig in KUBECONFIG has such a context`);
    }
    return new ClusterRegistry(configs, settings);
  }

  names(): string[] {
    return [...this.configs.keys()].sort();
  }

  /** The clusters a Slack channel may check (every cluster when the channel has no restriction). */
  allowedIn(channel?: string): string[] {
    const restricted = channel ? this.settings.channelClusters[channel] : undefined;
    return restricted ? this.names().filter((n) => restricted.includes(n)) : this.names();
  }

  reader(name: string): ClusterReader | undefined {
    const kc = this.configs.get(name);
    if (!kc) return undefined;
    const transport = httpsTransport(kc, this.settings.requestTimeoutMs);
    return {
      cluster: name,
      get: <T>(path: string, signal?: AbortSignal) => transport('GET', path, signal) as Promise<ReadResult<T>>,
      getText: (path: string, signal?: AbortSignal) => transport('GET', path, signal, 'text') as Promise<ReadResult<string>>,
    };
  }
}

function singleContext(file: KubeConfig, name: string, allowExecAuth: boolean, path: string): KubeConfig {
  const context = file.getContextObject(name);
  const cluster = context ? file.getCluster(context.cluster) : null;
  const user = context?.user ? file.getUser(context.user) : null;
  if (!context || !cluster) throw new ClusterConfigError(`${path}: context "${name}" names no cluster`);
  if (!cluster.server.startsWith('https://'))
    throw new ClusterConfigError(`${path}: context "${name}" uses ${cluster.server}; only https is allowed`);
  if (cluster.skipTLSVerify) throw new ClusterConfigError(`${path}: context "${name}" skips TLS verification; refusing it`);
  if (user?.exec && !allowExecAuth) {
    throw new ClusterConfigError(
      `${path}: context "${name}" authenticates with an exec plugin; set KUBETRIAGE_ALLOW_EXEC_AUTH=true to allow running "${user.exec.command}"`,
    );
  }
  const kc = new KubeConfig();
  // A user name per cluster: client-node caches credentials by user name across configs.
  const userName = `kubetriage-${name}`;
  kc.loadFromOptions({
    clusters: [cluster],
    users: [{ ...(user ?? { name: userName }), name: userName }],
    contexts: [{ name, cluster: cluster.name, user: userName }],
    currentContext: name,
  });
  return kc;
}
