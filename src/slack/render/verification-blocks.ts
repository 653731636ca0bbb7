import type { VerificationReport } from '../../checks/verify.js';
import { type Block, capBlocks, context, section } from './blocks.js';
import type { SlackMessage } from './diagnosis-blocks.js';
import { escapeMrkdwn, truncate } from './mrkdwn.js';

const VERDICT_LINE = {
  confirmed: ':red_circle: *confirmed*: the cluster shows this incident',
  refuted: ':large_green_circle: *refuted*: the cluster shows the healthy state; look elsewhere',
  inconclusive: ':white_circle: *inconclusive*: not enough could be read',
  'not-applicable': ':heavy_minus_sign: *not applicable*: this incident cannot happen on this kind of cluster',
} as const;

const REASONS_LABEL = {
  confirmed: 'Could not decide',
  refuted: 'Ruled out by',
  inconclusive: 'Could not decide',
  'not-applicable': 'Not applicable',
} as const;

const show = (value: unknown) => truncate(typeof value === 'string' ? value : JSON.stringify(value), 300);

/** The verdict first, then one observation per check, then what could not be read. */
export function renderVerificationBlocks(report: VerificationReport, requestedBy?: string): SlackMessage {
  const checkLines = report.checks.map((c) => {
    const first = c.observations[0];
    const evidence = first
      ? ` \`${escapeMrkdwn(first.object)}\` ${escapeMrkdwn(first.field)} = \`${escapeMrkdwn(show(first.observed))}\``
      : '';
    return `• *${c.status}* ${c.id}${c.role === 'supporting' ? ' _(supporting)_' : ''}${evidence}${c.reason ? ` _${escapeMrkdwn(c.reason)}_` : ''}`;
  });
  const blocks: Block[] = [
    section(`${VERDICT_LINE[report.verdict]} — \`${escapeMrkdwn(report.incident)}\` on *${escapeMrkdwn(report.cluster)}*`, ''),
    section(checkLines.join('\n') || '_no checks ran_', ''),
  ];
  if (report.reasons.length > 0) blocks.push(context(escapeMrkdwn(`${REASONS_LABEL[report.verdict]}: ${report.reasons.join('; ')}`)));
  blocks.push(
    context(
      `read-only checks · ${report.durationMs} ms${requestedBy ? ` · requested by <@${requestedBy.replace(/[^A-Z0-9]/gi, '')}>` : ''}`,
    ),
  );
  return { text: `${report.verdict}: ${report.incident} on ${report.cluster}`, blocks: capBlocks(blocks) };
}
