import type { ClusterSettings } from '../cluster/registry.js';
import type { ClusterEnv } from '../config.js';

export function clusterSettings(env: ClusterEnv): ClusterSettings {
  return {
    kubeconfigPaths: env.KUBECONFIG,
    allowed: env.KUBETRIAGE_CLUSTERS,
    channelClusters: env.KUBETRIAGE_CHANNEL_CLUSTERS,
    requestTimeoutMs: env.KUBETRIAGE_REQUEST_TIMEOUT_MS,
    allowExecAuth: env.KUBETRIAGE_ALLOW_EXEC_AUTH === 'true',
  };
}
