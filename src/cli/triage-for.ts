import { DEFAULT_BUDGET_MS } from '../checks/verify.js';
import { ClusterRegistry } from '../cluster/registry.js';
import type { ClusterEnv } from '../config.js';
import type { Catalog } from '../triage/catalog.js';
import { clusterSettings } from '../triage/cluster-settings.js';
import { createTriage, type Triage } from '../triage/triage.js';

/** The operator at a terminal: every cluster of KUBECONFIG (no channel policy), no audit stream on stdout. */
export const TERMINAL = { who: 'cli' } as const;

/** The use cases for one CLI command; clusters only when the command reads one. */
export function cliTriage(catalog: Catalog, env?: ClusterEnv): Triage {
  return createTriage({
    catalog: () => catalog,
    ...(env ? { clusters: ClusterRegistry.load(clusterSettings(env)) } : {}),
    budgetMs: env?.KUBETRIAGE_CHECK_BUDGET_MS ?? DEFAULT_BUDGET_MS,
  });
}
