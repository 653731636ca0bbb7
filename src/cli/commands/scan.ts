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
  // a status line for a person watching stderr, per phase and per log read; a pipe gets the report alone
  const show = io.progress;
  const progress = show
    ? (p: ScanProgress) =>
        show(
          p.phase === 'logs'
            ? `scan: reading logs ${p.done}/${p.total}`
            : `scan: ${p.phase === 'matching' ? 'matching' : `reading ${p.phase}`}`,
        )
    : undefined;
  const report = orRefused(await cliTriage(kb, env).scan(cluster, TERMINAL, progress));
  show?.('');
  io.out(json ? JSON.stringify(report) : renderScanText(report, terminalStyle(io.isTty)));
  if (report.findings.length > 0) return EXIT.finding;
  return report.complete ? EXIT.ok : EXIT.inconclusive;
}
