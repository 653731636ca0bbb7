import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { decodeValue } from '../render/actions.js';
import { renderRunbookBlocks } from '../render/runbook-blocks.js';

/** "Show runbook" on a diagnosis: the full runbook, to the person who clicked. */
export function onShowRunbook(deps: SlackDeps) {
  return async ({ action, ack, respond }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const found = deps.triage.incident(decodeValue(action.value)?.incident ?? '');
    if (!found) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'That runbook is no longer in the knowledge base.' });
      return;
    }
    await respond({ response_type: 'ephemeral', replace_original: false, ...renderRunbookBlocks(found) });
  };
}
