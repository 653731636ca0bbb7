import type { App } from '@slack/bolt';
import { recordDiagnosis } from '../../observability/record.js';
import { chooseCluster } from '../cluster-choice.js';
import { DEDUPE_TTL_MS, type SlackDeps } from '../deps.js';
import { pasteFromSlackText } from '../paste-text.js';
import { postReply } from '../post-reply.js';
import { renderDiagnosisBlocks } from '../render/diagnosis-blocks.js';
import { verifyInThread } from '../verify-in-thread.js';

/** The fields of a message or app_mention event we read. */
export interface UserMessage {
  type: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
}

export interface PasteRequest {
  message: UserMessage;
  /** a mention or a DM: answer an honest no-match too; in a channel only confident matches */
  askedDirectly: boolean;
  eventId: string | undefined;
  botUserId: string | undefined;
}

/**
 * listener → triage.diagnose → render → post. The diagnosis carries the incidents of the catalog
 * snapshot it was made with, so a reload in between cannot turn a match into "no match".
 */
export async function answerPaste(client: App['client'], deps: SlackDeps, request: PasteRequest): Promise<void> {
  const { message, askedDirectly, eventId, botUserId } = request;
  const { store, logger } = deps;
  const correlationId = eventId ?? `${message.channel}:${message.ts}`;
  const ignored = (reason: string) => logger.debug({ kind: 'paste', correlationId, channel: message.channel, reason }, 'event ignored');
  if (eventId && !(await store.claim(`event:${eventId}`, DEDUPE_TTL_MS))) return ignored('a Slack retry of an event already handled');
  if (!(await store.claim(`message:${message.channel}:${message.ts}`, DEDUPE_TTL_MS))) return ignored('a message already handled');

  const started = performance.now();
  const paste = pasteFromSlackText(message.text ?? '', botUserId);
  const { diagnosis, incident } = deps.triage.diagnose(paste);
  recordDiagnosis(deps.metrics, diagnosis);
  const threadTs = message.thread_ts ?? message.ts;
  const top = diagnosis.matches[0];
  const log = {
    kind: 'paste',
    correlationId,
    channel: message.channel,
    verdict: diagnosis.verdict,
    incident: diagnosis.verdict === 'match' ? top?.id : undefined,
  };
  if (diagnosis.verdict !== 'match' && !askedDirectly) {
    logger.info({ ...log, replied: false, durationMs: Math.round(performance.now() - started) }, 'paste handled');
    return;
  }
  if (!(await store.claim(`paste:${message.channel}:${threadTs}:${diagnosis.input.fingerprint}`, DEDUPE_TTL_MS))) {
    logger.info({ ...log, replied: false, reason: 'same paste answered in this thread' }, 'paste handled');
    return;
  }
  const choice = chooseCluster(deps, message.channel, paste);
  const reply = renderDiagnosisBlocks(diagnosis, incident, {
    pasteHash: diagnosis.input.fingerprint,
    checksUnavailable: deps.checksUnavailable,
    clusters: choice,
    teamAuthoring: Boolean(deps.teamAuthoring),
  });
  const posted = await postReply(
    client,
    { channel: message.channel, thread_ts: threadTs, ...reply, ...(message.user ? { user: message.user } : {}) },
    logger,
    correlationId,
    deps.metrics,
  );
  // Read-only, so safe to run unasked where the channel opted in and a cluster is known.
  if (posted && diagnosis.verdict === 'match' && top && choice?.preselected && deps.channels.autoVerify(message.channel)) {
    await verifyInThread(client, deps, {
      incident: top.id,
      cluster: choice.preselected,
      channel: message.channel,
      threadTs,
      correlationId,
    });
  }
  await deps.activity?.append({
    type: 'diagnosis',
    at: new Date().toISOString(),
    channel: message.channel,
    verdict: diagnosis.verdict,
    incident: diagnosis.verdict === 'match' ? (top?.id ?? null) : null,
    paste: diagnosis.input.fingerprint,
    sample: diagnosis.input.sample,
  });
  logger.info({ ...log, replied: posted, durationMs: Math.round(performance.now() - started) }, 'paste handled');
}
