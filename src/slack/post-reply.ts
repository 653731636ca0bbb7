import type { App } from '@slack/bolt';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Block } from './render/blocks.js';
import { errorLabel, slackErrorCode } from './slack-errors.js';

export interface Reply {
  channel: string;
  thread_ts?: string;
  text: string;
  blocks: Block[];
  /** who asked: told by DM when the bot may not post in the channel */
  user?: string;
}

/** Slack refused the blocks or their size: the same answer as plain text gets through. */
const AS_PLAIN_TEXT = new Set(['invalid_blocks', 'msg_too_long', 'invalid_attachments']);
/** Slack's limit for text is far higher; a readable fallback stays short. */
const PLAIN_CHARS = 3900;

/** The reply's blocks as plain text, in order: header, sections, context, without buttons. */
export function plainTextOf(reply: Pick<Reply, 'text' | 'blocks'>): string {
  const parts = reply.blocks.flatMap((block) => {
    if (block.type === 'header' || block.type === 'section') return [(block as { text?: { text?: string } }).text?.text ?? ''];
    if (block.type === 'context') return (block.elements as Array<{ text?: string }>).map((e) => e.text ?? '');
    return [];
  });
  const text = parts.filter(Boolean).join('\n');
  return (text || reply.text).slice(0, PLAIN_CHARS);
}

const codeOf = (error: unknown) => slackErrorCode(error) ?? (error as Error).message;

/**
 * Posts a reply without previews and without link_names, so nothing unfurls and nobody is pinged.
 * The WebClient retries rate limits (honouring Retry-After) and transient errors. A person is
 * never left in silence: blocks Slack refuses are sent again once as plain text, and where the
 * bot may not post in the channel the person who asked is told by DM. A final failure is logged
 * with the correlation id and the Slack error code (also a metric label) and returned as false,
 * never thrown into Bolt.
 */
/** Whether the reply got through, and its ts when it is in the channel asked (not a DM fallback). */
export interface Posted {
  posted: boolean;
  ts?: string;
}

export async function postReply(
  client: App['client'],
  reply: Reply,
  logger: Logger,
  correlationId: string,
  metrics?: Metrics,
): Promise<Posted> {
  const { user, ...message } = reply;
  const send = (body: Omit<Reply, 'user' | 'blocks'> & { blocks?: Block[] }) =>
    client.chat.postMessage({ ...body, unfurl_links: false, unfurl_media: false, link_names: false } as never);
  const failed = (error: unknown, attempt: string) => {
    const code = codeOf(error);
    metrics?.slackErrors.inc({ method: 'chat.postMessage', error: errorLabel(error) });
    logger.error({ correlationId, channel: reply.channel, slackError: code, attempt }, 'reply could not be posted');
    return code;
  };
  const tsOf = (answer: unknown) => (answer as { ts?: string }).ts;
  try {
    const ts = tsOf(await send(message));
    return { posted: true, ...(ts ? { ts } : {}) };
  } catch (error) {
    const code = failed(error, 'blocks');
    try {
      if (AS_PLAIN_TEXT.has(code)) {
        const ts = tsOf(
          await send({
            channel: message.channel,
            ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
            text: plainTextOf(message),
          }),
        );
        logger.info({ correlationId, channel: reply.channel }, 'reply posted as plain text');
        return { posted: true, ...(ts ? { ts } : {}) };
      }
      if (code === 'not_in_channel' && user) {
        await send({
          channel: user,
          text: `I could not answer in <#${reply.channel}>: invite me there (/invite @kubetriage). My answer:\n${plainTextOf(message)}`,
        });
        logger.info({ correlationId, channel: reply.channel }, 'reply sent by DM: not in the channel');
        return { posted: true };
      }
    } catch (second) {
      failed(second, 'fallback');
    }
    return { posted: false };
  }
}
