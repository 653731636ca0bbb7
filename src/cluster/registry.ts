import { KubeConfig } from '@kubernetes/client-node';
import { KubetriageError } from '../errors.js';
import { httpsTransport } from './https-transport.js';
import type { ClusterReader, ReadResult, TextOptions } from './reader.js';

export const IN_CLUSTER = 'in-cluster';

export interface ClusterSettings {
  /** kubeconfig files (KUBECONFIG, colon-separated); never ~/.kube/config implicitly */
  kubeconfigPaths: string[];
  /** allowed names; empty = every context of the given files */
  allowed: string[];
  /**
   * channel id → clusters that channel may check; "*" is the default for channels not listed.
   * Empty = every channel may check every allowed cluster. Once anything is listed, a channel
   * (or DM) that is neither listed nor covered by "*" may check nothing: fail closed.
   */
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
    private readonly refused: Map<string, string>,
    private readonly settings: ClusterSettings,
  ) {}

  static load(settings: ClusterSettings): ClusterRegistry {
    const configs = new Map<string, KubeConfig>();
    const refused = new Map<string, string>();
    for (const path of settings.kubeconfigPaths) {
      const file = new KubeConfig();
      try {
        file.loadFromFile(path);
      } catch (error) {
        throw new ClusterConfigError(`cannot read kubeconfig ${path}: ${(error as Error).message}`);
      }
      for (const context of file.getContexts()) {
        if (settings.allowed.length > 0 && !settings.allowed.includes(context.name)) continue;
        if (configs.has(context.name) || refused.has(context.name)) continue; // like kubectl: the first file that names a context wins
        // One unsafe context is refused alone, with its reason; the others stay usable.
        const single = singleContext(file, context.name, settings.allowExecAuth, path);
        if (typeof single === 'string') refused.set(context.name, single);
        else configs.set(context.name, single);
      }
    }
    if (settings.allowed.includes(IN_CLUSTER)) {
      const kc = new KubeConfig();
      kc.loadFromCluster();
      configs.set(IN_CLUSTER, kc);
    }
    const missing = settings.allowed.filter((name) => !configs.has(name) && !refused.has(name));
    if (missing.length > 0) {
      throw new ClusterConfigError(`KUBETRIAGE_CLUSTERS names ${missing.join(', ')}, but no kubeconfig in KUBECONFIG has such a context`);
    }
    return new ClusterRegistry(configs, refused, settings);
  }

  /** The clusters that can be read. */
  names(): string[] {
    return [...this.configs.keys()].sort();
  }

  /** Contexts that were configured but refused, with why (insecure TLS, plain http, an exec plugin). */
  refusedContexts(): Array<{ name: string; reason: string }> {
    return [...this.refused].map(([name, reason]) => ({ name, reason })).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The clusters a Slack channel may check: its own list, else the "*" default, else none once a map is set. */
  allowedIn(channel?: string): string[] {
    const map = this.settings.channelClusters;
    if (Object.keys(map).length === 0) return this.names();
    const listed = (channel ? map[channel] : undefined) ?? map['*'] ?? [];
    return this.names().filter((name) => listed.includes(name));
  }

  /** One line saying who may check what, for a refusal. */
  channelPolicy(): string {
    const map = this.settings.channelClusters;
    if (Object.keys(map).length === 0) return `every channel may check ${this.names().join(', ') || 'no cluster'}`;
    const rows = Object.entries(map)
      .filter(([channel]) => channel !== '*')
      .map(([channel, names]) => `channel ${channel} → ${names.join(', ')}`);
    const rest = map['*'] ? `every other channel → ${map['*'].join(', ')}` : 'no other channel or DM may check a cluster';
    return `cluster checks are allowed in ${[...rows, rest].join('; ')}`;
  }

  /** Why `name` cannot be read: refused with its reason, or unknown with the names that exist. */
  unknownCluster(name: string, allowed = this.names()): string {
    const refusal = this.refused.get(name);
    if (refusal) return `cluster "${name}" is refused: ${refusal}`;
    return `unknown cluster "${name}"; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none (set KUBECONFIG and KUBETRIAGE_CLUSTERS)'}`;
  }

  reader(name: string): ClusterReader | undefined {
    const kc = this.configs.get(name);
    if (!kc) return undefined;
    const transport = httpsTransport(kc, this.settings.requestTimeoutMs);
    return {
      cluster: name,
      get: <T>(path: string, signal?: AbortSignal) => transport('GET', path, signal) as Promise<ReadResult<T>>,
      getText: (path: string, signal?: AbortSignal, options?: TextOptions) =>
        transport('GET', path, signal, 'text', options?.maxBytes) as Promise<ReadResult<string>>,
    };
  }
}

/** A kubeconfig reduced to one context, or the reason that context is refused. */
function singleContext(file: KubeConfig, name: string, allowExecAuth: boolean, path: string): KubeConfig | string {
  const context = file.getContextObject(name);
  const cluster = context ? file.getCluster(context.cluster) : null;
  const user = context?.user ? file.getUser(context.user) : null;
  if (!context || !cluster) return `${path}: the context names no cluster`;
  if (!cluster.server.startsWith('https://')) return `${path}: it uses ${cluster.server}; only https is allowed`;
  if (cluster.skipTLSVerify)
    return `${path}: it skips TLS verification (insecure-skip-tls-verify), so the bot cannot know whom it sends its token to`;
  if (user?.exec && !allowExecAuth) {
    return `${path}: it authenticates with an exec plugin; set KUBETRIAGE_ALLOW_EXEC_AUTH=true to allow running "${user.exec.command}"`;
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
