import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  StaticSelectAction,
  ViewSubmitAction,
} from '@slack/bolt';
import { redactSecrets } from '../../redact.js';
import { setCardLine } from '../card.js';
import type { SlackDeps } from '../deps.js';
import { ACTION, type ButtonValue, decodeValue, encodeValue } from '../render/actions.js';
import { actions, section } from '../render/blocks.js';
import { escapeMrkdwn, LIMITS, truncate } from '../render/mrkdwn.js';
import { scaffoldAnswer } from './add-team-incident.js';

export type FeedbackOutcome = 'helpful' | 'not-this';

const THANKS: Record<FeedbackOutcome, string> = {
  helpful: 'Thanks, noted as helpful.',
  'not-this': 'Thanks, noted: this diagnosis was wrong. It helps us fix the knowledge base.',
};

/** One feedback record: incident, channel, paste hash, outcome, who. */
function feedbackRecord(body: { channel?: { id?: string }; user: { id: string } }, value: ButtonValue, outcome: FeedbackOutcome) {
  return {
    type: 'feedback' as const,
    at: new Date().toISOString(),
    channel: body.channel?.id ?? 'unknown',
    incident: value.incident,
    paste: value.paste ?? 'unknown',
    outcome,
    user: body.user.id,
  };
}

/** "Helpful" and "Not this": one feedback record (incident, channel, paste hash, outcome, user). */
export function onFeedback(deps: SlackDeps, outcome: FeedbackOutcome) {
  return async ({
    action,
    body,
    ack,
    respond,
    client,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const value = decodeValue(action.value);
    if (!value) return;
    await deps.activity?.append(feedbackRecord(body, value, outcome));
    deps.metrics?.feedback.inc({ outcome });
    await showVotes(deps, client, body, outcome);
    deps.logger.info({ kind: 'feedback', incident: value.incident, outcome, channel: body.channel?.id }, 'feedback recorded');
    if (outcome === 'not-this') {
      // ask what it was: the entries the knowledge base names as worth ruling out beside this one
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...askWhatItWas(deps, value.incident, value.paste ?? 'unknown'),
      });
      return;
    }
    await respond({ response_type: 'ephemeral', replace_original: false, text: THANKS[outcome] });
  };
}

/** "Thanks — what was it?" with a picker of the related incidents and "none of these". */
export function askWhatItWas(deps: SlackDeps, incident: string, paste: string) {
  const related = (deps.triage.incident(incident)?.related ?? []).slice(0, 20);
  const option = (id: string, label: string) => ({
    text: { type: 'plain_text' as const, text: truncate(label, LIMITS.optionText) },
    value: encodeValue({ incident, paste, correction: id }),
  });
  const options = [...related.map((id) => option(id, id)), option('new', 'None of these: a new incident')];
  return {
    text: THANKS['not-this'],
    blocks: [
      section(`${escapeMrkdwn(THANKS['not-this'])} What was it?`, ''),
      actions('kubetriage_correction', [
        {
          type: 'static_select' as const,
          action_id: ACTION.correction,
          placeholder: { type: 'plain_text' as const, text: 'It was…' },
          options,
        },
      ]),
    ],
  };
}

/** The pick after "Not this": stored with the vote, so kb stats can say what the knowledge base got wrong. */
export function onCorrection(deps: SlackDeps) {
  return async ({
    action,
    body,
    ack,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<StaticSelectAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const value = decodeValue(action.selected_option?.value);
    if (!value?.correction) return;
    await deps.activity?.append({ ...feedbackRecord(body, value, 'not-this'), correction: value.correction });
    deps.logger.info({ kind: 'feedback', incident: value.incident, correction: value.correction }, 'correction recorded');
    const next =
      value.correction === 'new' && deps.teamAuthoring?.authors.includes(body.user.id) && value.paste
        ? ` ${scaffoldAnswer(deps.teamAuthoring, body.user.id, value.paste).text}`
        : '';
    await respond({
      response_type: 'ephemeral',
      replace_original: true,
      text: `Noted: it was ${value.correction === 'new' ? 'none of the known incidents' : value.correction}. Thanks.${next}`,
    });
  };
}

/** How long a card's votes are remembered for its vote line. */
const VOTES_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const VOTES_BLOCK = 'kubetriage_votes';

/**
 * The card's vote line, updated in place: one vote per person (the last click wins), kept per
 * message in the state store so replicas agree. Two clicks at the same instant on two replicas
 * may show one vote fewer until the next click; the activity log records both.
 */
async function showVotes(
  deps: SlackDeps,
  client: AllMiddlewareArgs['client'],
  body: BlockAction<ButtonAction>,
  outcome: FeedbackOutcome,
): Promise<void> {
  const channel = body.channel?.id;
  if (!body.message?.ts || !channel) return;
  const key = `votes:${channel}:${body.message.ts}`;
  const votes = JSON.parse((await deps.store.valueOf(key)) ?? '{}') as Record<string, FeedbackOutcome>;
  votes[body.user.id] = outcome;
  await deps.store.set(key, JSON.stringify(votes), VOTES_TTL_MS);
  const helpful = Object.values(votes).filter((v) => v === 'helpful').length;
  const line = `:thumbsup: ${helpful} helpful · :thumbsdown: ${Object.keys(votes).length - helpful} not this`;
  await setCardLine(client, channel, body.message, VOTES_BLOCK, line, deps);
}

/** The modal "Describe it" opens, and whose submission onDescribed stores. */
export const DESCRIBE_VIEW = 'kubetriage_describe_view';
const NOTE_CHARS = 500;

/** "Describe it": a modal with one text field, for when none of the listed incidents was it. */
export function onDescribe(deps: SlackDeps) {
  return async ({ action, body, ack, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const value = decodeValue(action.value);
    if (!value || !body.trigger_id) return;
    await client.views
      .open({
        trigger_id: body.trigger_id,
        view: {
          type: 'modal',
          callback_id: DESCRIBE_VIEW,
          private_metadata: JSON.stringify({ ...value, channel: body.channel?.id ?? 'unknown' }),
          title: { type: 'plain_text', text: 'What was it?' },
          submit: { type: 'plain_text', text: 'Send' },
          blocks: [
            {
              type: 'input',
              block_id: 'note',
              label: { type: 'plain_text', text: 'What was the cause, in a few words?' },
              element: { type: 'plain_text_input', action_id: 'note', multiline: true, max_length: NOTE_CHARS },
            },
          ],
        },
      })
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'the describe modal could not be opened'));
  };
}

/** The modal's text, redacted (it is stored), with the answer it corrects. */
export function onDescribed(deps: SlackDeps) {
  return async ({ view, body, ack }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const meta = JSON.parse(view.private_metadata || '{}') as { incident?: string; paste?: string; channel?: string };
    const raw = view.state.values.note?.note?.value ?? '';
    const note = redactSecrets(raw).text.slice(0, NOTE_CHARS);
    if (!meta.incident || !note.trim()) return;
    await deps.activity?.append({
      ...feedbackRecord(
        { channel: { id: meta.channel ?? 'unknown' }, user: body.user },
        { incident: meta.incident, ...(meta.paste ? { paste: meta.paste } : {}) },
        'not-this',
      ),
      correction: 'described',
      note,
    });
    deps.logger.info({ kind: 'feedback', incident: meta.incident, correction: 'described' }, 'correction recorded');
  };
}
