import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { ACTION, decodeValue } from '../render/actions.js';
import { section } from '../render/blocks.js';
import { renderRunbookBlocks } from '../render/runbook-blocks.js';

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

  app.action<BlockAction<ButtonAction>>(ACTION.runChecks, async ({ ack, respond }) => {
    await ack();
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: deps.checksUnavailable,
      blocks: [section(deps.checksUnavailable)],
    });
  });
}
