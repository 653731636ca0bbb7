import type { App } from '@slack/bolt';
import { recordDiagnosis } from '../../observability/record.js';
import { chooseCluster } from '../cluster-choice.js';
import { DEDUPE_TTL_MS, type SlackDeps } from '../deps.js';
import { filesText } from '../files.js';
import { pasteFromSlackText } from '../paste-text.js';
import { postReply } from '../post-reply.js';
import { context, section } from '../render/blocks.js';
import { renderCompactDiagnosis, renderDiagnosisBlocks } from '../render/diagnosis-blocks.js';
import { renderHelp } from '../render/help-blocks.js';
import { escapeMrkdwn } from '../render/mrkdwn.js';
import { errorNumberInThread, summariseThread, THREAD_MEMORY_MS, threadText } from '../thread.js';
import type { UserMessage } from '../user-message.js';
import { verifyInThread } from '../verify-in-thread.js';

export type { UserMessage } from '../user-message.js';

export interface PasteRequest {
  message: UserMessage;
  /** a mention or a DM: answer an honest no-match too; in a channel only confident matches */
  askedDirectly: boolean;
  /** the bot was mentioned: "help" or nothing else gets the help card, a bare question under an error reads the thread */
  mentioned?: boolean;
  eventId: string | undefined;
  botUserId: string | undefined;
  /** for downloading shared files (files:read) */
  botToken?: string;
}

/** How long after a reply an edit of the pasted message still updates that reply. */
export const EDIT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Where the reply to a message is remembered, for edits. */
export const replyKey = (channel: string, ts: string) => `reply:${channel}:${ts}`;

/** What the person wrote to ask for help rather than a diagnosis. */
const HELP = /^(?:help|\?|usage|what can you do\??)$/i;

/**
 * listener → triage.diagnose → render → post. The diagnosis carries the incidents of the catalog
 * snapshot it was made with, so a reload in between cannot turn a match into "no match".
 */
export async function answerPaste(
  client: App['client'],
  deps: SlackDeps,
  request: PasteRequest,
  /** an edited message: its first claim was the original's, so it is not claimed again */
  options: { edit?: boolean } = {},
): Promise<void> {
  const { message, askedDirectly, eventId, botUserId } = request;
  const { store, logger } = deps;
  const correlationId = eventId ?? `${message.channel}:${message.ts}`;
  const event = message.type === 'app_mention' ? 'app_mention' : 'message';
  const counted = (outcome: 'answered' | 'ignored', reason: string) => deps.metrics?.slackEvents.inc({ event, outcome, reason });
  const ignored = (reason: string, code: string) => {
    counted('ignored', code);
    logger.debug({ kind: 'paste', correlationId, channel: message.channel, reason }, 'event ignored');
  };
  if (eventId && !(await store.claim(`event:${eventId}`, DEDUPE_TTL_MS)))
    return ignored('a Slack retry of an event already handled', 'retry');
  if (!options.edit && !(await store.claim(`message:${message.channel}:${message.ts}`, DEDUPE_TTL_MS)))
    return ignored('a message already handled', 'duplicate');

  const started = performance.now();
  const own = pasteFromSlackText(message.text ?? '', botUserId);
  const threadTs = message.thread_ts ?? message.ts;
  // a DM is a conversation: answered inline, unless the person is already in a thread
  const replyIn = message.channel_type === 'im' && !message.thread_ts ? {} : { thread_ts: threadTs };
  if (request.mentioned && (own === '' || HELP.test(own)) && !message.files?.length) {
    const help = renderHelp(deps.triage.clustersFor({ who: message.user ?? 'unknown', channel: message.channel }));
    await postReply(client, { channel: message.channel, ...replyIn, ...help }, logger, correlationId, deps.metrics);
    counted('answered', 'help');
    deps.metrics?.slackReplies.inc({ kind: 'help' });
    logger.info({ kind: 'paste', correlationId, channel: message.channel, replied: true, help: true }, 'paste handled');
    return;
  }
  const shared = await filesText(deps, message, request.botToken);
  let paste = [own, shared.text].filter(Boolean).join('\n');
  let { diagnosis, incident } = deps.triage.diagnose(paste);
  // "@kubetriage what is this?" under a pasted error: the question holds no error, the thread does
  if (request.mentioned && diagnosis.verdict !== 'match' && message.thread_ts && !shared.text) {
    const above = await threadText(client, message).catch((error: unknown) => {
      logger.warn(
        { correlationId, err: error },
        'the thread could not be read (channels:history, groups:history, im:history, mpim:history)',
      );
      return '';
    });
    if (above) {
      paste = [above, own].join('\n');
      ({ diagnosis, incident } = deps.triage.diagnose(paste));
    }
  }
  recordDiagnosis(deps.metrics, diagnosis);
  const top = diagnosis.matches[0];
  const log = {
    kind: 'paste',
    correlationId,
    channel: message.channel,
    verdict: diagnosis.verdict,
    incident: diagnosis.verdict === 'match' ? top?.id : undefined,
  };
  if (diagnosis.verdict !== 'match' && !askedDirectly) {
    counted('ignored', 'not-confident');
    logger.info({ ...log, replied: false, durationMs: Math.round(performance.now() - started) }, 'paste handled');
    return;
  }
  if (!(await store.claim(`paste:${message.channel}:${threadTs}:${diagnosis.input.fingerprint}`, DEDUPE_TTL_MS))) {
    counted('ignored', 'same-paste-in-thread');
    logger.info({ ...log, replied: false, reason: 'same paste answered in this thread' }, 'paste handled');
    return;
  }
  // during an outage eight people paste the same error: the first thread gets the answer, the
  // others one line pointing there (a mention still gets the full answer: someone asked)
  if (!askedDirectly && diagnosis.verdict === 'match' && top) {
    const first = await store.claimWith(`answer:${message.channel}:${diagnosis.input.fingerprint}`, threadTs, THREAD_MEMORY_MS);
    if (first && first !== threadTs) {
      const permalink = await client.chat
        .getPermalink({ channel: message.channel, message_ts: first })
        .then((r) => r.permalink)
        .catch(() => undefined);
      const where = permalink ? `<${permalink}|this thread>` : 'an earlier thread in this channel';
      const text = `Same error as in ${where}, answered there: *${escapeMrkdwn(top.title)}* (\`${top.id}\`).`;
      await postReply(
        client,
        { channel: message.channel, thread_ts: threadTs, text, blocks: [section(text, '')] },
        logger,
        correlationId,
        deps.metrics,
      );
      counted('answered', 'linked');
      deps.metrics?.slackReplies.inc({ kind: 'link' });
      logger.info({ ...log, replied: true, linkedTo: first }, 'paste handled');
      return;
    }
  }
  const choice = chooseCluster(deps, message.channel, paste);
  // a thread that already has a full answer gets a short one for each further error in it
  const nth = diagnosis.verdict === 'match' && top ? await errorNumberInThread(store, message.channel, threadTs, top.id) : 1;
  const shown = nth > 1 && top ? incident(top.id) : undefined;
  const reply = shown
    ? renderCompactDiagnosis(diagnosis, shown, nth, diagnosis.input.fingerprint)
    : renderDiagnosisBlocks(diagnosis, incident, {
        pasteHash: diagnosis.input.fingerprint,
        checksUnavailable: deps.checksUnavailable,
        clusters: choice,
        teamAuthoring: Boolean(deps.teamAuthoring),
      });
  // a file that could not be read is said once, under the answer (only where someone asked, or an answer is posted anyway)
  if (shared.notes.length > 0) reply.blocks = [...reply.blocks, context(...shared.notes.map((n) => `:page_facing_up: ${escapeMrkdwn(n)}`))];
  const { posted, ts: replyTs } = await postReply(
    client,
    { channel: message.channel, ...replyIn, ...reply, ...(message.user ? { user: message.user } : {}) },
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
  // an edit of this message updates this reply instead of adding another (listeners/edit.ts)
  if (replyTs) await store.claimWith(replyKey(message.channel, message.ts), replyTs, EDIT_WINDOW_MS);
  if (posted && top && diagnosis.verdict === 'match')
    await summariseThread(client, deps, message.channel, threadTs, nth, top.title, correlationId);
  counted(posted ? 'answered' : 'ignored', posted ? diagnosis.verdict : 'post-failed');
  if (posted) {
    deps.metrics?.slackReplies.inc({ kind: diagnosis.verdict === 'match' ? 'diagnosis' : 'no-match' });
    deps.metrics?.pasteToReply.observe((performance.now() - started) / 1000);
  }
  logger.info({ ...log, replied: posted, durationMs: Math.round(performance.now() - started) }, 'paste handled');
}
