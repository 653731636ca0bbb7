import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { type SlackDeps, track } from '../deps.js';
import { answerPaste, type UserMessage } from './paste.js';

/** User text only: no bots (ours or others), no edits, deletions, joins or other subtypes. */
function isUserText(event: UserMessage): boolean {
  return (
    !event.bot_id &&
    (event.subtype === undefined || event.subtype === 'thread_broadcast') &&
    typeof event.text === 'string' &&
    Boolean(event.user)
  );
}

/** A pasted error in a channel, thread or DM: answered when confident (always in a DM). */
export function onMessage(deps: SlackDeps) {
  return async ({ event, body, context, client }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    const message = event as unknown as UserMessage;
    const ignored = (reason: string) => deps.logger.debug({ kind: 'paste', channel: message.channel, reason }, 'event ignored');
    if (!isUserText(message)) return ignored(message.bot_id ? 'a bot' : `subtype ${message.subtype ?? 'without text'}`);
    // A mention in a channel arrives twice (message and app_mention): the mention handler answers.
    if (context.botUserId && message.text?.includes(`<@${context.botUserId}>`)) return ignored('a mention: app_mention answers it');
    await track(
      deps,
      answerPaste(client, deps, {
        message,
        askedDirectly: message.channel_type === 'im',
        eventId: body.event_id as string | undefined,
        botUserId: context.botUserId,
      }),
    );
  };
}
