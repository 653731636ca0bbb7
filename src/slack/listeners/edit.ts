import type { App } from '@slack/bolt';
import { recordDiagnosis } from '../../observability/record.js';
import { chooseCluster } from '../cluster-choice.js';
import { DEDUPE_TTL_MS, type SlackDeps } from '../deps.js';
import { pasteFromSlackText } from '../paste-text.js';
import { section } from '../render/blocks.js';
import { renderDiagnosisBlocks } from '../render/diagnosis-blocks.js';
import { answerPaste, replyKey, type UserMessage } from './paste.js';

/** The fields of a message_changed event that are read. */
export interface MessageEdit {
  channel: string;
  channel_type?: string;
  message?: UserMessage;
  previous_message?: { text?: string };
}

/**
 * A person fixed their paste (message_changed): one reply per message, so the reply already
 * posted is updated in place with the new diagnosis, or says the edit no longer matches; a paste
 * that had no reply and now matches is answered as a new one.
 */
export async function answerEdit(client: App['client'], deps: SlackDeps, edit: MessageEdit, botUserId: string | undefined): Promise<void> {
  const message = edit.message;
  const ignored = (reason: string) => deps.logger.debug({ kind: 'edit', channel: edit.channel, reason }, 'event ignored');
  if (!message?.user || message.bot_id) return ignored('not a person’s message');
  if ((message.text ?? '') === (edit.previous_message?.text ?? '')) return ignored('the text did not change (an unfurl, a pin)');
  const text = pasteFromSlackText(message.text ?? '', botUserId);
  const edited = { ...message, channel: edit.channel, ...(edit.channel_type ? { channel_type: edit.channel_type } : {}) };
  const replyTs = await deps.store.valueOf(replyKey(edit.channel, message.ts));
  if (!replyTs) {
    // no reply yet: answered like a new paste (its own claim, so a Slack retry of the edit is one answer)
    const { diagnosis } = deps.triage.diagnose(text);
    if (diagnosis.verdict !== 'match') return ignored('the edited text matches nothing either');
    if (!(await deps.store.claim(`edit:${edit.channel}:${message.ts}:${diagnosis.input.fingerprint}`, DEDUPE_TTL_MS))) return;
    await answerPaste(
      client,
      deps,
      { message: { ...edited, ts: `${message.ts}` }, askedDirectly: false, eventId: undefined, botUserId },
      { edit: true },
    );
    return;
  }
  const { diagnosis, incident } = deps.triage.diagnose(text);
  recordDiagnosis(deps.metrics, diagnosis);
  const reply =
    diagnosis.verdict === 'match'
      ? renderDiagnosisBlocks(diagnosis, incident, {
          pasteHash: diagnosis.input.fingerprint,
          checksUnavailable: deps.checksUnavailable,
          clusters: chooseCluster(deps, edit.channel, text),
          teamAuthoring: Boolean(deps.teamAuthoring),
        })
      : {
          text: 'After the edit, no known incident matches this message.',
          blocks: [section('_After the edit, no known incident matches this message._', '')],
        };
  await client.chat
    .update({ channel: edit.channel, ts: replyTs, text: reply.text, blocks: reply.blocks })
    .then(() => deps.logger.info({ kind: 'edit', channel: edit.channel, verdict: diagnosis.verdict }, 'reply updated after an edit'))
    .catch((error: unknown) => deps.logger.warn({ channel: edit.channel, err: error }, 'reply not updated after an edit'));
}
