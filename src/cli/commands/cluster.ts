import type { ClusterEnv } from '../../config.js';
import { KubetriageError } from '../../errors.js';
import type { Catalog } from '../../triage/catalog.js';
import { EXIT, exitForVerdict } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { orRefused } from '../refused.js';
import { terminalStyle } from '../render/terminal-style.js';
import { renderVerificationText } from '../render/verification-text.js';
import { cliTriage, TERMINAL } from '../triage-for.js';

export async function checkCommand(
  cluster: string,
  incidentId: string,
  json: boolean,
  kb: Catalog,
  env: ClusterEnv,
  io: CliIo,
): Promise<number> {
  if (!kb.byId.has(incidentId)) throw new KubetriageError('UNKNOWN_INCIDENT', `unknown incident "${incidentId}"; see kubetriage kb list`);
  const report = orRefused(await cliTriage(kb, env).verify(incidentId, cluster, TERMINAL));
  io.out(json ? JSON.stringify(report) : renderVerificationText(report, terminalStyle(io.isTty)));
  return exitForVerdict(report.verdict);
}

export async function clustersCommand(json: boolean, kb: Catalog, env: ClusterEnv, io: CliIo): Promise<number> {
  const rows = await cliTriage(kb, env).clusterHealth();
  if (json) io.out(JSON.stringify(rows));
  else if (rows.length === 0) io.out('No clusters configured: set KUBECONFIG (and optionally KUBETRIAGE_CLUSTERS).');
  else
    for (const r of rows)
      io.out(`${r.name.padEnd(24)} ${r.reachable ? `ok  ${r.version}` : `${r.refused ? 'refused' : 'unreachable'}  ${r.reason}`}`);
  return EXIT.ok;
}

export function rbacCommand(kb: Catalog, io: CliIo): number {
  io.out(cliTriage(kb).rbac().trimEnd());
  return EXIT.ok;
}
