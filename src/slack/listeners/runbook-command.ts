import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { RUNBOOK_USAGE, renderRunbookSearch } from '../render/runbook-blocks.js';
import { answerCommand } from './command-answer.js';

/** /runbook <words>: typo-tolerant search of the knowledge base. */
export function onRunbookCommand(deps: SlackDeps) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const request = { command: command.command, channel: command.channel_id, correlationId: command.trigger_id };
    await answerCommand(respond, deps, request, async () => {
      const query = command.text.trim();
      const message = query ? renderRunbookSearch(deps.triage.runbook(query)) : RUNBOOK_USAGE;
      return { response_type: 'ephemeral', ...message };
    });
  };
}
