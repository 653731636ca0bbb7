import type { App } from '@slack/bolt';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Block } from './render/blocks.js';

export interface Reply {
  channel: string;
  thread_ts?: string;
  text: string;
  blocks: Block[];
}

/**
 * Posts a reply without previews and without link_names, so nothing unfurls and nobody is pinged.
 * The WebClient retries rate limits (honouring Retry-After) and transient errors; a final failure
 * is logged with the correlation id and returned as false, never thrown into Bolt.
 */
export async function postReply(
  client: App['client'],
  reply: Reply,
  logger: Logger,
  correlationId: string,
  metrics?: Metrics,
): Promise<boolean> {
  try {
    await client.chat.postMessage({ ...reply, unfurl_links: false, unfurl_media: false, link_names: false });
    return true;
  } catch (error) {
    metrics?.slackErrors.inc({ method: 'chat.postMessage' });
    const data = (error as { data?: { error?: string } }).data;
    logger.error(
      { correlationId, channel: reply.channel, slackError: data?.error ?? (error as Error).message },
      'reply could not be posted',
    );
    return false;
  }
}
