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
 * Runs the read-only verification and posts the verdict in the diagnosis thread. Every run
 * leaves an audit record (who, channel, cluster, what, result, duration).
 */
export async function verifyInThread(client: App['client'], deps: SlackDeps, request: VerificationRequest): Promise<void> {
  const { clusters, logger } = deps;
  if (!clusters) return;
  const audit = { who: request.user ?? 'auto', channel: request.channel, cluster: request.cluster, what: request.incident };
  if (!clusters.allowedIn(request.channel).includes(request.cluster)) {
    await deps.audit.record({ ...audit, result: 'denied' }, request.correlationId);
    await postReply(
      client,
      {
        channel: request.channel,
        thread_ts: request.threadTs,
        text: escapeMrkdwn(clusters.refusal(request.channel, request.cluster)),
        blocks: [],
      },
      logger,
      request.correlationId,
      deps.metrics,
    );
    return;
  }
  const report = await clusters.verify(request.incident, request.cluster);
  recordVerification(deps.metrics, report);
  await deps.audit.record({ ...audit, result: report.verdict, durationMs: report.durationMs }, request.correlationId);
  await postReply(
    client,
    { channel: request.channel, thread_ts: request.threadTs, ...renderVerificationBlocks(report, request.user) },
    logger,
    request.correlationId,
    deps.metrics,
  );
}
