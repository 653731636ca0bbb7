import type { ClusterEnv } from '../../config.js';
import type { Catalog } from '../../triage/catalog.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { orRefused } from '../refused.js';
import { terminalStyle } from '../render/terminal-style.js';
import { renderUpgradeText } from '../render/upgrade-text.js';
import { cliTriage, TERMINAL } from '../triage-for.js';

/** A Required risk is a finding (exit 1), so CI pipelines can gate on it; an unreadable cluster is inconclusive (3). */
export async function upgradeCheckCommand(
  cluster: string,
  target: string | undefined,
  json: boolean,
  kb: Catalog,
  env: ClusterEnv,
  io: CliIo,
): Promise<number> {
  // progress only for a person at a terminal; pipes get the report alone
  const progress = io.isTty ? (phase: string) => io.err(`… ${phase}`) : undefined;
  const report = orRefused(await cliTriage(kb, env).upgradeCheck(cluster, target, TERMINAL, progress));
  io.out(json ? JSON.stringify(report) : renderUpgradeText(report, terminalStyle(io.isTty)));
  return report.findings.some((f) => f.priority === 'required') ? EXIT.finding : EXIT.ok;
}
