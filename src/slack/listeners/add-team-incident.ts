import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { decodeValue } from '../render/actions.js';
import { section } from '../render/blocks.js';
import { escapeMrkdwn } from '../render/mrkdwn.js';

/**
 * "Add as a team incident" (a no-match reply) and the follow-up to "Not this": for a knowledge
 * author, the command that scaffolds an entry from the paste the bot kept (redacted); for anyone
 * else, who can. Ephemeral either way: it is about the person who clicked.
 */
export function onAddTeamIncident(deps: SlackDeps) {
  return async ({
    action,
    body,
    ack,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const paste = decodeValue(action.value)?.paste;
    const authoring = deps.teamAuthoring;
    if (!paste || !authoring) return;
    deps.logger.info({ kind: 'team-incident', user: body.user.id, paste: paste.slice(0, 12) }, 'team incident scaffold asked for');
    await respond({ response_type: 'ephemeral', replace_original: false, ...scaffoldAnswer(authoring, body.user.id, paste) });
  };
}

export function scaffoldAnswer(authoring: NonNullable<SlackDeps['teamAuthoring']>, user: string, paste: string) {
  if (!authoring.authors.includes(user)) {
    const text = `Only the knowledge authors can add a team incident (KUBETRIAGE_KB_AUTHORS). Ask one of them, with this paste's fingerprint: ${paste.slice(0, 12)}`;
    return { text, blocks: [section(escapeMrkdwn(text), '')] };
  }
  const command = authoring.command(paste.slice(0, 12));
  const text = `Scaffold a team incident from this paste (the bot kept it redacted), fill in its TODO(kubetriage) fields, then kb lint and kb test:\n\`\`\`${command}\`\`\``;
  return { text, blocks: [section(text, '')] };
}
