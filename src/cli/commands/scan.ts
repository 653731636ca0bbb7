import type { ClusterEnv } from '../../config.js';
import type { ScanProgress } from '../../scan/types.js';
import type { Catalog } from '../../triage/catalog.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { orRefused } from '../refused.js';
import { renderScanText } from '../render/scan-text.js';
import { terminalStyle } from '../render/terminal-style.js';
import { cliTriage, TERMINAL } from '../triage-for.js';

/** Incidents found are a finding (1); nothing found but nodes or events unreadable is inconclusive (3). */
export async function scanCommand(cluster: string, json: boolean, kb: Catalog, env: ClusterEnv, io: CliIo): Promise<number> {
  // progress for a person at a terminal once the scan has taken a second, per phase (and every
  // 10 logs); a quick scan and a pipe get the report alone
  let last = '';
  const started = performance.now();
  const progress = io.isTty
    ? (p: ScanProgress) => {
        if (performance.now() - started < 1000) return;
        const line = p.phase === 'logs' ? `reading logs ${Math.floor(p.done / 10) * 10}/${p.total}` : `reading ${p.phase}`;
        if (p.phase !== 'matching' && line !== last) io.err(`… ${line}`);
        last = line;
      }
    : undefined;
  const report = orRefused(await cliTriage(kb, env).scan(cluster, TERMINAL, progress));
  io.out(json ? JSON.stringify(report) : renderScanText(report, terminalStyle(io.isTty)));
  if (report.findings.length > 0) return EXIT.finding;
  return report.complete ? EXIT.ok : EXIT.inconclusive;
}
