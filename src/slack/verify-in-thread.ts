import type { App } from '@slack/bolt';
import { recordVerification } from '../observability/record.js';
import type { Outcome } from '../triage/triage.js';
import type { SlackDeps } from './deps.js';
import { postReply } from './post-reply.js';
import type { SlackMessage } from './render/diagnosis-blocks.js';
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
 * The read-only verification through the triage layer (which decides who may check what and
 * writes the audit record), counted and rendered; or the refusal, for the caller to deliver.
 */
/** The verdict in one line, for the diagnosis card it answers. */
const VERDICT_LINE: Record<string, string> = {
  confirmed: ':white_check_mark: confirmed',
  refuted: ':negative_squared_cross_mark: ruled out',
  inconclusive: ':grey_question: inconclusive',
  'not-applicable': ':heavy_minus_sign: not applicable',
};

export async function verification(
  deps: SlackDeps,
  request: Omit<VerificationRequest, 'threadTs'>,
): Promise<Outcome<SlackMessage & { verdictLine: string }>> {
  const outcome = await deps.triage.verify(request.incident, request.cluster, {
    who: request.user ?? 'auto',
    channel: request.channel,
    correlationId: request.correlationId,
  });
  if (!outcome.ok) return outcome;
  recordVerification(deps.metrics, outcome.value);
  const who = request.user ? ` (checked by <@${request.user}>)` : '';
  const verdictLine = `${VERDICT_LINE[outcome.value.verdict] ?? outcome.value.verdict} on \`${escapeMrkdwn(outcome.value.cluster)}\`${who}`;
  return { ok: true, value: { ...renderVerificationBlocks(outcome.value, request.user), verdictLine } };
}

/** The verification's verdict, or the refusal, posted in the diagnosis thread. */
export async function verifyInThread(client: App['client'], deps: SlackDeps, request: VerificationRequest): Promise<void> {
  const outcome = await verification(deps, request);
  const message = outcome.ok ? outcome.value : { text: escapeMrkdwn(outcome.refusal), blocks: [] };
  await postReply(
    client,
    { channel: request.channel, thread_ts: request.threadTs, ...message },
    deps.logger,
    request.correlationId,
    deps.metrics,
  );
}
