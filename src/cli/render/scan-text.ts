import type { ScanReport } from '../../scan/types.js';
import type { Style } from './terminal-style.js';

/** What was read, in one line: a healthy answer is only worth what it looked at. */
export function readSummary(report: ScanReport): string {
  const r = report.read;
  const events = `${r.events} Warning event(s)${r.eventsApi ? ` (${r.eventsApi})` : ''}`;
  const logs = `${r.logs} log(s) of ${r.pods} pod(s) in ${r.namespaces.join(', ') || 'no namespace'}`;
  return `read ${r.nodes} node(s), ${events}, ${logs}; ${(r.logBytes / 1024).toFixed(0)} KB in ${(report.durationMs / 1000).toFixed(1)} s`;
}

export function renderScanText(report: ScanReport, style: Style): string {
  const lines: string[] = [];
  const n = report.findings.length;
  if (n === 0) {
    lines.push(
      report.complete
        ? `${style.good('No known incident found')} on ${style.bold(report.cluster)}.`
        : `${style.dim('INCONCLUSIVE')}: no known incident found on ${style.bold(report.cluster)}, but the scan could not read everything.`,
    );
  } else lines.push(`${style.bad(`${n} known incident(s)`)} on ${style.bold(report.cluster)} now:`);
  lines.push(style.dim(readSummary(report)));
  report.findings.forEach((f, i) => {
    lines.push('', `${i + 1}. [${f.severity}] ${style.bold(f.incident)} (${f.confidence} confidence)`, `   ${f.title}`);
    lines.push(`   where: ${f.scope.summary}`);
    for (const e of f.evidence)
      lines.push(style.dim(`   ${e.object}${e.at ? ` ${e.at}` : ''}: ${e.text}`), style.dim(`     (signature ${e.signature})`));
    lines.push(`   prove it: kubetriage check --cluster ${report.cluster} --incident ${f.incident}`);
  });
  if (report.unread.length > 0) {
    lines.push('', 'Not read:');
    for (const u of report.unread) lines.push(`  - ${u.what}: ${u.reason}`);
  }
  return lines.join('\n');
}
