import type { ScanFinding, ScanReport } from '../../scan/types.js';
import { ACTION, encodeValue } from './actions.js';
import { type Block, button, capBlocks, context, header, section } from './blocks.js';
import type { SlackMessage } from './diagnosis-blocks.js';
import { escapeMrkdwn, LIMITS, truncate } from './mrkdwn.js';

const MAX_FINDINGS = 10;
const SEVERITY_MARK: Record<ScanFinding['severity'], string> = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  medium: ':large_yellow_circle:',
  low: ':white_circle:',
};

/** What was read, in one line: "nothing found" is only worth what was looked at. */
function readLine(report: ScanReport): string {
  const r = report.read;
  return `read ${r.nodes} node(s), ${r.events} Warning event(s), ${r.logs} log(s) of ${r.pods} pod(s) in ${r.namespaces.join(', ') || 'no namespace'} · ${(report.durationMs / 1000).toFixed(1)} s`;
}

function findingBlocks(f: ScanFinding, cluster: string): Block[] {
  const evidence = f.evidence
    .slice(0, 2)
    .map((e) => `\n> \`${escapeMrkdwn(truncate(e.object, 120))}\` ${escapeMrkdwn(truncate(e.text, 300))}`)
    .join('');
  const text = `${SEVERITY_MARK[f.severity]} *${escapeMrkdwn(f.title)}*\n${escapeMrkdwn(f.scope.summary)}${evidence}`;
  const block: Block = { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } };
  // the button carries the incident and the cluster; run-checks re-decides whether this channel may check it
  block.accessory = button(ACTION.runChecks, 'Run checks', encodeValue({ incident: f.incident, cluster }));
  return [block];
}

/** The finished scan: a summary, each incident found with where and a "Run checks" button, then what was not read. */
export function renderScanBlocks(report: ScanReport): SlackMessage {
  const n = report.findings.length;
  const headline =
    n > 0
      ? `${n} known incident(s) on ${report.cluster} now`
      : report.complete
        ? `No known incident found on ${report.cluster}`
        : `Scan of ${report.cluster} is inconclusive`;
  const blocks: Block[] = [header(headline), context(escapeMrkdwn(readLine(report)))];
  for (const f of report.findings.slice(0, MAX_FINDINGS)) blocks.push(...findingBlocks(f, report.cluster));
  if (n > MAX_FINDINGS)
    blocks.push(context(`…and ${n - MAX_FINDINGS} more: \`kubetriage scan --cluster ${escapeMrkdwn(report.cluster)}\``));
  if (report.unread.length > 0)
    blocks.push(
      section(
        `*Not read:*\n${report.unread.map((u) => `• ${escapeMrkdwn(u.what)}: ${escapeMrkdwn(truncate(u.reason, 300))}`).join('\n')}`,
        '',
      ),
    );
  return { text: headline, blocks: capBlocks(blocks) };
}

/** The same message while the scan runs: updated in place phase by phase. */
export function renderScanProgress(cluster: string, phase: string): SlackMessage {
  const text = `Scanning ${cluster} (read-only): ${phase}…`;
  return { text, blocks: [section(escapeMrkdwn(text), '')] };
}
