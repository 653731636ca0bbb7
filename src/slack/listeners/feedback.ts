import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { decodeValue } from '../render/actions.js';
import { scaffoldAnswer } from './add-team-incident.js';

export type FeedbackOutcome = 'helpful' | 'not-this';

const THANKS: Record<FeedbackOutcome, string> = {
  helpful: 'Thanks, noted as helpful.',
  'not-this': 'Thanks, noted: this diagnosis was wrong. It helps us fix the knowledge base.',
};

/** "Helpful" and "Not this": one feedback record (incident, channel, paste hash, outcome, user). */
export function onFeedback(deps: SlackDeps, outcome: FeedbackOutcome) {
  return async ({
    action,
    body,
    ack,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const value = decodeValue(action.value);
    if (!value) return;
    await deps.activity?.append({
      type: 'feedback',
      at: new Date().toISOString(),
      channel: body.channel?.id ?? 'unknown',
      incident: value.incident,
      paste: value.paste ?? 'unknown',
      outcome,
      user: body.user.id,
    });
    deps.metrics?.feedback.inc({ outcome });
    deps.logger.info({ kind: 'feedback', incident: value.incident, outcome, channel: body.channel?.id }, 'feedback recorded');
    // a knowledge author who says "Not this" gets the command that makes it a team incident
    const authoring = deps.teamAuthoring;
    if (outcome === 'not-this' && authoring?.authors.includes(body.user.id) && value.paste) {
      const next = scaffoldAnswer(authoring, body.user.id, value.paste);
      await respond({ response_type: 'ephemeral', replace_original: false, text: `${THANKS[outcome]} ${next.text}` });
      return;
    }
    await respond({ response_type: 'ephemeral', replace_original: false, text: THANKS[outcome] });
  };
}
