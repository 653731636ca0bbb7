import type { App } from '@slack/bolt';
import { recordVerification } from '../observability/record.js';
import type { SlackDeps } from './deps.js';
import { postReply } from './post-reply.js';
import { escapeMrkdwn } from './render/mrkdwn.js';
import { renderVerificationBlocks } from './render/verification-blocks.js';

export interface VerificationRequest {
  incident: string;
  cluster: string;
  channel: string;
  threadTs: string;
  /** who asked; absent for the channel's automatic verification */
  user?: string;
  correlationId: string;
}

/**
 * Runs the read-only verification through the triage layer (which decides who may check what
 * and writes the audit record) and posts the verdict, or the refusal, in the diagnosis thread.
 */
export async function verifyInThread(client: App['client'], deps: SlackDeps, request: VerificationRequest): Promise<void> {
  const outcome = await deps.triage.verify(request.incident, request.cluster, {
    who: request.user ?? 'auto',
    channel: request.channel,
    correlationId: request.correlationId,
  });
  if (outcome.ok) recordVerification(deps.metrics, outcome.value);
  const message = outcome.ok ? renderVerificationBlocks(outcome.value, request.user) : { text: escapeMrkdwn(outcome.refusal), blocks: [] };
  await postReply(
    client,
    { channel: request.channel, thread_ts: request.threadTs, ...message },
    deps.logger,
    request.correlationId,
    deps.metrics,
  );
}
