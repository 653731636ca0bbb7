import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { type SlackDeps, track } from '../deps.js';
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

/** Where Slack sends app_mention for a mention (and the message event too): the mention handler answers there. */
const MENTION_EVENTS = new Set(['channel', 'group']);

/** A pasted error in a channel, thread or DM: answered when confident (always in a DM). */
export function onMessage(deps: SlackDeps) {
  return async ({ event, body, context, client }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    const message = event as unknown as UserMessage;
    const ignored = (reason: string) => deps.logger.debug({ kind: 'paste', channel: message.channel, reason }, 'event ignored');
    if (!isUserText(message)) return ignored(message.bot_id ? 'a bot' : `subtype ${message.subtype ?? 'without text'}`);
    // A mention in a channel arrives twice (message and app_mention): the mention handler answers.
    // In a DM Slack sends no app_mention, so the mention is answered here.
    const mentioned = Boolean(context.botUserId && message.text?.includes(`<@${context.botUserId}>`));
    if (mentioned && MENTION_EVENTS.has(message.channel_type ?? 'channel')) return ignored('a mention: app_mention answers it');
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
