import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { type SlackDeps, track } from '../deps.js';
import { answerPaste, type UserMessage } from './paste.js';

/** @kubetriage with an error: always answered, a no-match included (someone asked). */
export function onAppMention(deps: SlackDeps) {
  return async ({ event, body, context, client }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    const message = event as unknown as UserMessage;
    if (message.bot_id) return;
    await track(
      deps,
      answerPaste(client, deps, {
        message,
        askedDirectly: true,
        mentioned: true,
        eventId: body.event_id as string | undefined,
        botUserId: context.botUserId,
        ...(context.botToken ? { botToken: context.botToken } : {}),
      }),
    );
  };
}
