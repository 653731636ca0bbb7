import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import { recordVerification } from '../../observability/record.js';
import type { SlackDeps } from '../deps.js';
import { ACTION, decodeValue } from '../render/actions.js';
import { section } from '../render/blocks.js';
import { escapeMrkdwn } from '../render/mrkdwn.js';
import { renderRunbookBlocks } from '../render/runbook-blocks.js';
import { renderVerificationBlocks } from '../render/verification-blocks.js';
import { verifyInThread } from '../verify-in-thread.js';

/** Buttons on a diagnosis. Each acks first; state comes from the button's value, not the process. */
export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION.showRunbook, async ({ action, ack, respond }) => {
    await ack();
    const incident = deps.knowledge().byId.get(decodeValue(action.value)?.incident ?? '');
    if (!incident) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'That runbook is no longer in the knowledge base.' });
      return;
    }
    await respond({ response_type: 'ephemeral', replace_original: false, ...renderRunbookBlocks(incident) });
  });

  for (const [actionId, outcome] of [
    [ACTION.helpful, 'helpful'],
    [ACTION.notThis, 'not-this'],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ action, body, ack, respond }) => {
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
      deps.logger.info({ kind: 'feedback', incident: value.incident, outcome, channel: body.channel?.id }, 'feedback recorded');
      const thanks =
        outcome === 'helpful'
          ? 'Thanks, noted as helpful.'
          : 'Thanks, noted: this diagnosis was wrong. It helps us fix the knowledge base.';
      await respond({ response_type: 'ephemeral', replace_original: false, text: thanks });
    });
  }

  app.action<BlockAction<ButtonAction | StaticSelectAction>>(ACTION.runChecks, async ({ action, body, ack, respond, client }) => {
    await ack();
    const picked = action.type === 'static_select' ? decodeValue(action.selected_option.value) : undefined;
    const channel = body.channel?.id;
    const threadTs = body.message?.thread_ts ?? body.message?.ts;
    if (!deps.clusters || !picked?.cluster || !channel) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: deps.checksUnavailable,
        blocks: [section(deps.checksUnavailable)],
      });
      return;
    }
    if (!deps.clusters.allowedIn(channel).includes(picked.cluster)) {
      await deps.audit.record({ who: body.user.id, channel, cluster: picked.cluster, what: picked.incident, result: 'denied' });
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: escapeMrkdwn(deps.clusters.refusal(channel, picked.cluster)),
      });
      return;
    }
    if (!threadTs) {
      // an ephemeral diagnosis (/triage) has no thread to post in: answer the person who asked
      const report = await deps.clusters.verify(picked.incident, picked.cluster);
      recordVerification(deps.metrics, report);
      await deps.audit.record({
        who: body.user.id,
        channel,
        cluster: picked.cluster,
        what: picked.incident,
        result: report.verdict,
        durationMs: report.durationMs,
      });
      await respond({ response_type: 'ephemeral', replace_original: false, ...renderVerificationBlocks(report, body.user.id) });
      return;
    }
    await verifyInThread(client, deps, {
      incident: picked.incident,
      cluster: picked.cluster,
      channel,
      threadTs,
      user: body.user.id,
      correlationId: body.trigger_id ?? threadTs,
    });
  });
}
