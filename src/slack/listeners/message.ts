import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { type SlackDeps, track } from '../deps.js';
import { answerEdit, type MessageEdit } from './edit.js';
import { answerPaste, type UserMessage } from './paste.js';

/** A person's text or shared file: no bots (ours or others), no edits, deletions, joins or other subtypes. */
function isUserText(event: UserMessage): boolean {
  const shared = event.subtype === 'file_share' && (event.files?.length ?? 0) > 0;
  return (
    !event.bot_id &&
    (event.subtype === undefined || event.subtype === 'thread_broadcast' || shared) &&
    (typeof event.text === 'string' || shared) &&
    Boolean(event.user)
  );
}

/** An alert bot on the allowlist (Alertmanager, PagerDuty), never this bot itself: its alert is triaged like a paste. */
function isAlertBot(event: UserMessage, deps: SlackDeps, ownBotId: string | undefined): boolean {
  return Boolean(event.bot_id && event.bot_id !== ownBotId && deps.triageBots?.includes(event.bot_id));
}

/** Where Slack sends app_mention for a mention (and the message event too): the mention handler answers there. */
const MENTION_EVENTS = new Set(['channel', 'group']);

/** A pasted error in a channel, thread or DM: answered when confident (always in a DM). */
export function onMessage(deps: SlackDeps) {
  return async ({ event, body, context, client }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    if ((event as { subtype?: string }).subtype === 'message_changed')
      return void (await track(deps, answerEdit(client, deps, event as unknown as MessageEdit, context.botUserId)));
    const original = event as unknown as UserMessage;
    const ignored = (reason: string, code = 'not-a-paste') => {
      deps.metrics?.slackEvents.inc({ event: 'message', outcome: 'ignored', reason: code });
      deps.logger.debug({ kind: 'paste', channel: original.channel, reason }, 'event ignored');
    };
    const alert = isAlertBot(original, deps, context.botId);
    if (!alert && !isUserText(original))
      return ignored(original.bot_id ? 'a bot' : `subtype ${original.subtype ?? 'without text'}`, original.bot_id ? 'bot' : 'subtype');
    // an alert's error is in its attachments or blocks as often as in its text
    const message = alert ? { ...original, text: alertText(original) } : original;
    // A mention in a channel arrives twice (message and app_mention): the mention handler answers.
    // In a DM Slack sends no app_mention, so the mention is answered here.
    const mentioned = Boolean(context.botUserId && message.text?.includes(`<@${context.botUserId}>`));
    if (mentioned && MENTION_EVENTS.has(message.channel_type ?? 'channel')) return ignored('a mention: app_mention answers it', 'mention');
    await track(
      deps,
      answerPaste(client, deps, {
        message,
        askedDirectly: message.channel_type === 'im' || mentioned,
        mentioned: mentioned || message.channel_type === 'im',
        eventId: body.event_id as string | undefined,
        botUserId: context.botUserId,
        ...(context.botToken ? { botToken: context.botToken } : {}),
      }),
    );
  };
}

/** The text of an alert bot's post: its text, attachments (title, text, fields) and section blocks. */
function alertText(event: UserMessage & { attachments?: unknown[]; blocks?: unknown[] }): string {
  const parts: string[] = [event.text ?? ''];
  for (const a of (event.attachments ?? []) as Array<Record<string, unknown>>) {
    for (const key of ['pretext', 'title', 'text', 'fallback']) if (typeof a[key] === 'string') parts.push(a[key] as string);
    for (const f of (a.fields ?? []) as Array<{ title?: string; value?: string }>) parts.push(`${f.title ?? ''}: ${f.value ?? ''}`);
  }
  for (const b of (event.blocks ?? []) as Array<{ text?: { text?: string }; fields?: Array<{ text?: string }> }>) {
    if (b.text?.text) parts.push(b.text.text);
    for (const f of b.fields ?? []) if (f.text) parts.push(f.text);
  }
  // the fallback usually repeats the text: one copy of each line
  return [...new Set(parts.join('\n').split('\n'))].join('\n');
}
