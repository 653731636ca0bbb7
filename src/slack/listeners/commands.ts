import type { App, RespondFn } from '@slack/bolt';
import { findRunbook } from '../../diagnose/runbook.js';
import type { SlackDeps } from '../deps.js';
import { pasteFromSlackText } from '../paste-text.js';
import { section } from '../render/blocks.js';
import { renderDiagnosisBlocks } from '../render/diagnosis-blocks.js';
import { escapeMrkdwn } from '../render/mrkdwn.js';
import { RUNBOOK_USAGE, renderRunbookSearch } from '../render/runbook-blocks.js';

export const COMMANDS = ['/runbook', '/triage', '/upgrade-check'] as const;

/** Work after ack() must never throw into Bolt: a failed answer is logged with its correlation id. */
async function answer(
  respond: RespondFn,
  deps: SlackDeps,
  correlationId: string,
  work: () => Promise<Parameters<RespondFn>[0]>,
): Promise<void> {
  try {
    await respond(await work());
  } catch (error) {
    deps.logger.error({ correlationId, err: error }, 'slash command answer failed');
  }
}

/** Every command acks first (Slack allows 3 seconds), then answers through response_url. */
export function registerCommands(app: App, deps: SlackDeps): void {
  app.command('/runbook', async ({ command, ack, respond }) => {
    await ack();
    await answer(respond, deps, command.trigger_id, async () => {
      const query = command.text.trim();
      const message = query ? renderRunbookSearch(findRunbook(query, deps.knowledge())) : RUNBOOK_USAGE;
      return { response_type: 'ephemeral', ...message };
    });
  });

  app.command('/triage', async ({ command, ack, respond }) => {
    await ack();
    await answer(respond, deps, command.trigger_id, async () => {
      const text = pasteFromSlackText(command.text);
      if (!text)
        return {
          response_type: 'ephemeral',
          text: 'Usage: /triage <error text>',
          blocks: [section('Usage: `/triage <error text>`: paste the error after the command.')],
        };
      const diagnosis = await deps.diagnose(text);
      const message = renderDiagnosisBlocks(diagnosis, (id) => deps.knowledge().byId.get(id), {
        pasteHash: diagnosis.input.fingerprint,
        checksUnavailable: deps.checksUnavailable,
      });
      return { response_type: 'ephemeral', ...message };
    });
  });

  app.command('/upgrade-check', async ({ command, ack, respond }) => {
    await ack();
    await answer(respond, deps, command.trigger_id, async () => {
      const args = escapeMrkdwn(command.text.trim() || '<cluster> [version]');
      return {
        response_type: 'ephemeral',
        text: deps.upgradeCheckUnavailable,
        blocks: [section(`\`/upgrade-check ${args}\`: ${escapeMrkdwn(deps.upgradeCheckUnavailable)}`)],
      };
    });
  });
}
