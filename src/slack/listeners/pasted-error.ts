import type { App } from '@slack/bolt';
import { recordDiagnosis } from '../../observability/record.js';
import { chooseCluster } from '../cluster-choice.js';
import { DEDUPE_TTL_MS, type SlackDeps } from '../deps.js';
import { pasteFromSlackText } from '../paste-text.js';
import { postReply } from '../post-reply.js';
import { renderDiagnosisBlocks } from '../render/diagnosis-blocks.js';
import { verifyInThread } from '../verify-in-thread.js';

/** The fields of a message or app_mention event we read. */
interface UserMessage {
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

/** Events this module listens to; manifest.yml must subscribe to them (a test cross-checks). */
export const PASTE_EVENTS = ['message', 'app_mention'] as const;

/** Counted as in-flight so a shutdown waits for the reply. */
function track(deps: SlackDeps, work: Promise<void>): Promise<void> {
  return deps.inFlight ? deps.inFlight.track(work) : work;
}

/** User text only: no bots (ours or others), no edits, deletions, joins or other subtypes. */
function isUserText(event: UserMessage): boolean {
  return (
    !event.bot_id &&
    (event.subtype === undefined || event.subtype === 'thread_broadcast') &&
    typeof event.text === 'string' &&
    Boolean(event.user)
  );
}

/**
 * Pasted errors in channels, threads and DMs, and @mentions. In a channel the bot speaks only on a
 * confident match; asked directly (mention, DM) it also answers an honest no-match.
 */
export function registerPastedErrorListeners(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, body, context }) => {
    const message = event as unknown as UserMessage;
    if (!isUserText(message)) return;
    // A mention in a channel arrives twice (message and app_mention): the mention handler answers.
    if (context.botUserId && message.text?.includes(`<@${context.botUserId}>`)) return;
    await track(deps, handle(message, message.channel_type === 'im', body.event_id as string | undefined, context.botUserId, deps, app));
  });
  app.event('app_mention', async ({ event, body, context }) => {
    const message = event as unknown as UserMessage;
    if (message.bot_id) return;
    await track(deps, handle(message, true, body.event_id as string | undefined, context.botUserId, deps, app));
  });
}

async function handle(
  message: UserMessage,
  askedDirectly: boolean,
  eventId: string | undefined,
  botUserId: string | undefined,
  deps: SlackDeps,
  app: App,
): Promise<void> {
  const { store, logger } = deps;
  const correlationId = eventId ?? `${message.channel}:${message.ts}`;
  if (eventId && !(await store.claim(`event:${eventId}`, DEDUPE_TTL_MS))) return;
  if (!(await store.claim(`message:${message.channel}:${message.ts}`, DEDUPE_TTL_MS))) return;

  const started = performance.now();
  const paste = pasteFromSlackText(message.text ?? '', botUserId);
  const diagnosis = await deps.diagnose(paste);
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
  const choice = chooseCluster(deps.clusters, message.channel, paste);
  const reply = renderDiagnosisBlocks(diagnosis, (id) => deps.knowledge().byId.get(id), {
    pasteHash: diagnosis.input.fingerprint,
    checksUnavailable: deps.checksUnavailable,
    clusters: choice,
  });
  const posted = await postReply(
    app.client,
    { channel: message.channel, thread_ts: threadTs, ...reply },
    logger,
    correlationId,
    deps.metrics,
  );
  // Read-only, so safe to run unasked where the channel opted in and a cluster is known.
  if (posted && diagnosis.verdict === 'match' && top && choice?.preselected && deps.clusters?.autoVerify(message.channel)) {
    await verifyInThread(app.client, deps, {
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
