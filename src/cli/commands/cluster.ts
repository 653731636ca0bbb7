import { verifyIncident } from '../../checks/verify.js';
import { ClusterRegistry } from '../../cluster/registry.js';
import { clusterSettings } from '../../triage/cluster-settings.js';
import type { ClusterEnv } from '../../config.js';
import { KubetriageError } from '../../errors.js';
import type { Catalog } from '../../triage/catalog.js';
import { renderRbac } from '../../triage/rbac.js';
import { EXIT, exitForVerdict } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { terminalStyle } from '../render/terminal-style.js';
import { renderVerificationText } from '../render/verification-text.js';

export function loadRegistry(env: ClusterEnv): ClusterRegistry {
  return ClusterRegistry.load(clusterSettings(env));
}

/** An unknown name is an answer listing the allowed ones, never a fallback. */
export function readerFor(registry: ClusterRegistry, name: string) {
  const reader = registry.reader(name);
  if (!reader) throw new KubetriageError('UNKNOWN_CLUSTER', registry.unknownCluster(name));
  return reader;
}

export async function checkCommand(
  cluster: string,
  incidentId: string,
  json: boolean,
  kb: Catalog,
  env: ClusterEnv,
  io: CliIo,
): Promise<number> {
  const incident = kb.byId.get(incidentId);
  if (!incident) throw new KubetriageError('UNKNOWN_INCIDENT', `unknown incident "${incidentId}"; see kubetriage kb list`);
  const report = await verifyIncident(incident, readerFor(loadRegistry(env), cluster), { budgetMs: env.KUBETRIAGE_CHECK_BUDGET_MS });
  io.out(json ? JSON.stringify(report) : renderVerificationText(report, terminalStyle(io.isTty)));
  return exitForVerdict(report.verdict);
}

export async function clustersCommand(json: boolean, env: ClusterEnv, io: CliIo): Promise<number> {
  const registry = loadRegistry(env);
  const rows = await Promise.all(
    registry.names().map(async (name) => {
      const result = await registry.reader(name)?.get<{ gitVersion?: string }>('/version');
      return result?.ok
        ? { name, reachable: true, version: result.value.gitVersion ?? 'unknown' }
        : { name, reachable: false, reason: result && !result.ok ? `${result.failure}: ${result.message}` : 'unknown' };
    }),
  );
  const refused = registry.refusedContexts().map(({ name, reason }) => ({ name, reachable: false, refused: true, reason }));
  const all = [...rows, ...refused];
  if (json) io.out(JSON.stringify(all));
  else if (all.length === 0) io.out('No clusters configured: set KUBECONFIG (and optionally KUBETRIAGE_CLUSTERS).');
  else
    for (const r of all)
      io.out(
        `${r.name.padEnd(24)} ${r.reachable ? `ok  ${'version' in r ? r.version : ''}` : `${'refused' in r ? 'refused' : 'unreachable'}  ${r.reason}`}`,
      );
  return EXIT.ok;
}

export function rbacCommand(kb: Catalog, io: CliIo): number {
  io.out(renderRbac(kb.incidents).trimEnd());
  return EXIT.ok;
}
