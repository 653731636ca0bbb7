import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs, StaticSelectAction } from '@slack/bolt';
import { setCardLine } from '../card.js';
import type { SlackDeps } from '../deps.js';
import { postReply } from '../post-reply.js';
import { clusterKey, decodeValue } from '../render/actions.js';
import { section } from '../render/blocks.js';
import { escapeMrkdwn } from '../render/mrkdwn.js';
import { verification } from '../verify-in-thread.js';

/**
 * "Run checks on…": listener → triage.verify → render → post. The picked value is never trusted:
 * the triage layer decides whether this channel may check that cluster, and audits either way.
 */
export function onRunChecks(deps: SlackDeps) {
  return async ({
    action,
    body,
    ack,
    respond,
    client,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction | StaticSelectAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    // a picker carries the cluster in the option picked; a scan finding's button carries it in its value
    const picked = decodeValue(action.type === 'static_select' ? action.selected_option.value : (action.value ?? ''));
    const channel = body.channel?.id;
    const threadTs = body.message?.thread_ts ?? body.message?.ts;
    // a picker option names its cluster by key, resolved among every configured cluster: whether
    // this channel may check it is the triage layer's decision (and audit), not a lookup miss
    const cluster =
      picked?.cluster ??
      (picked?.clusterKey
        ? deps.triage.clustersFor({ who: body.user.id }).find((name) => clusterKey(name) === picked.clusterKey)
        : undefined);
    if (!deps.triage.clustersConfigured() || !picked || !cluster || !channel) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: deps.checksUnavailable,
        blocks: [section(deps.checksUnavailable)],
      });
      return;
    }
    const correlationId = body.trigger_id ?? threadTs ?? channel;
    const outcome = await verification(deps, {
      incident: picked.incident,
      cluster,
      channel,
      user: body.user.id,
      correlationId,
    });
    if (!outcome.ok) {
      // a refusal is for the person who clicked, not for the thread
      await respond({ response_type: 'ephemeral', replace_original: false, text: escapeMrkdwn(outcome.refusal) });
      return;
    }
    // the card at the top of the thread says what the cluster showed
    await setCardLine(client, channel, body.message, 'kubetriage_verdict', outcome.value.verdictLine, { ...deps, correlationId });
    // an ephemeral diagnosis (/triage) has no thread to post in: answer the person who asked
    if (threadTs)
      await postReply(
        client,
        { channel, thread_ts: threadTs, ...outcome.value, user: body.user.id },
        deps.logger,
        correlationId,
        deps.metrics,
      );
    else await respond({ response_type: 'ephemeral', replace_original: false, ...outcome.value });
  };
}
