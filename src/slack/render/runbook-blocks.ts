import type { RunbookResult } from '../../diagnose/runbook.js';
import type { Incident } from '../../knowledge/schema.js';
import { type Block, capBlocks, context, header, section } from './blocks.js';
import type { SlackMessage } from './diagnosis-blocks.js';
import { escapeMrkdwn, link } from './mrkdwn.js';
import { stepSections } from './steps.js';

/** The full runbook of one incident. */
export function renderRunbookBlocks(incident: Incident): SlackMessage {
  const blocks: Block[] = [
    header(incident.title),
    context(`\`${incident.id}\` · severity: ${incident.severity} · ${escapeMrkdwn(incident.components.join(', '))}`),
    section(`*Symptoms*\n${incident.symptoms.map((s) => `• ${escapeMrkdwn(s)}`).join('\n')}`, ''),
    section(`*Root cause*\n${escapeMrkdwn(incident.rootCause.trim())}`, ''),
    ...stepSections('Do this now', incident.fix.immediate),
    ...stepSections('Lasting fix', incident.fix.lasting),
  ];
  blocks.push(context(`Sources: ${incident.sources.map((s) => link(s.url, s.title)).join(' · ')}`));
  return { text: escapeMrkdwn(`Runbook: ${incident.title}`), blocks: capBlocks(blocks) };
}

/** /runbook answer: the best runbook and the alternatives. */
export function renderRunbookSearch(result: RunbookResult): SlackMessage {
  if (!result.best) {
    const closest = (result.closest ?? []).map((c) => `\`${c.incident.id}\``).join(', ');
    return {
      text: 'No runbook matches.',
      blocks: [
        section(
          `No runbook matches “${escapeMrkdwn(result.query)}”${closest ? `; closest: ${closest}` : ''}. Try other words, e.g. \`/runbook etcd space\`.`,
          '',
        ),
      ],
    };
  }
  const message = renderRunbookBlocks(result.best.incident);
  if (result.alternatives.length > 0) {
    const others = result.alternatives.map((a) => `\`${a.incident.id}\` ${escapeMrkdwn(a.incident.title)}`).join('\n');
    message.blocks = capBlocks([...message.blocks, context(`Other runbooks:\n${others}`)]);
  }
  return message;
}

export const RUNBOOK_USAGE: SlackMessage = {
  text: 'Usage: /runbook <words>',
  blocks: [section('Usage: `/runbook <words>`, e.g. `/runbook calico unauthorized` or `/runbook etcd space exceeded`.', '')],
};
