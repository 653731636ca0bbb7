import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { isHelpQuery } from '../../diagnose/runbook.js';
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
      // "help" asks how the command works; it is no runbook query
      const message = query && !isHelpQuery(query) ? renderRunbookSearch(deps.triage.runbook(query)) : RUNBOOK_USAGE;
      return { response_type: 'ephemeral', ...message };
    });
  };
}
