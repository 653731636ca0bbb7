import type { App } from '@slack/bolt';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { errorLabel, slackErrorCode } from './slack-errors.js';

/** A message as a block_actions payload carries it: the card that was clicked. */
export interface ClickedMessage {
  ts?: string;
  text?: string;
  blocks?: unknown[];
}

/**
 * One line of a diagnosis card (its verdict, its votes), written in place: the block with that
 * id is replaced, never stacked, and the rest of the card is kept as Slack sent it with the
 * click. A card Slack will not let us update (too old, not ours) keeps its text.
 */
export async function setCardLine(
  client: App['client'],
  channel: string,
  message: ClickedMessage | undefined,
  blockId: string,
  line: string,
  log: { logger: Logger; metrics?: Metrics | undefined; correlationId?: string },
): Promise<void> {
  if (!message?.ts || !Array.isArray(message.blocks)) return;
  const kept = (message.blocks as Array<{ block_id?: string }>).filter((b) => b.block_id !== blockId);
  const blocks = [...kept, { type: 'context', block_id: blockId, elements: [{ type: 'mrkdwn', text: line }] }].slice(-50);
  await client.chat.update({ channel, ts: message.ts, text: message.text ?? line, blocks: blocks as never }).catch((error: unknown) => {
    log.metrics?.slackErrors.inc({ method: 'chat.update', error: errorLabel(error) });
    log.logger.warn({ correlationId: log.correlationId, channel, slackError: slackErrorCode(error), block: blockId }, 'card not updated');
  });
}
