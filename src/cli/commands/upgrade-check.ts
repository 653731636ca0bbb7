import type { ClusterEnv } from '../../config.js';
import { loadApiRemovals } from '../../knowledge/api-removals.js';
import type { Catalog } from '../../triage/catalog.js';
import { upgradeCheck } from '../../upgrade/upgrade-check.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { terminalStyle } from '../render/terminal-style.js';
import { renderUpgradeText } from '../render/upgrade-text.js';
import { loadRegistry, readerFor } from './cluster.js';

/** A Required risk is a finding (exit 1), so CI pipelines can gate on it; an unreadable cluster is inconclusive (3). */
export async function upgradeCheckCommand(
  cluster: string,
  target: string | undefined,
  json: boolean,
  kb: Catalog,
  env: ClusterEnv,
  io: CliIo,
): Promise<number> {
  const reader = readerFor(loadRegistry(env), cluster);
  const report = await upgradeCheck(reader, kb, {
    ...(target ? { target } : {}),
    budgetMs: env.KUBETRIAGE_CHECK_BUDGET_MS,
    // progress only for a person at a terminal; pipes get the report alone
    ...(io.isTty ? { onProgress: (phase: string) => io.err(`… ${phase}`) } : {}),
  });
  io.out(json ? JSON.stringify(report) : renderUpgradeText(report, terminalStyle(io.isTty)));
  return report.findings.some((f) => f.severity === 'required') ? EXIT.finding : EXIT.ok;
}
