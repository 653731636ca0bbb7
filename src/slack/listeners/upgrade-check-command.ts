import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { KubetriageError } from '../../errors.js';
import { redactSecrets } from '../../redact.js';
import type { SlackDeps } from '../deps.js';
import { section } from '../render/blocks.js';
import { escapeMrkdwn } from '../render/mrkdwn.js';
import { renderUpgradeBlocks } from '../render/upgrade-blocks.js';
import { answerCommand } from './command-answer.js';

const USAGE = 'Usage: `/upgrade-check <cluster> [target-version]`, e.g. `/upgrade-check prod-eu 1.29`';

/** /upgrade-check <cluster> [version]: progress first, then the report in the channel. */
export function onUpgradeCheckCommand(deps: SlackDeps) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const request = { command: command.command, channel: command.channel_id, correlationId: command.trigger_id };
    await answerCommand(respond, deps, request, async () => {
      // the arguments are echoed back: a token typed by mistake must not be
      const [cluster, target, ...extra] = redactSecrets(command.text).text.trim().split(/\s+/).filter(Boolean);
      if (!deps.triage.clustersConfigured()) return { response_type: 'ephemeral', text: deps.upgradeCheckUnavailable };
      if (!cluster || extra.length > 0) return { response_type: 'ephemeral', text: USAGE, blocks: [section(USAGE)] };
      const asker = { who: command.user_id, channel: command.channel_id, correlationId: command.trigger_id };
      // progress only where the check will run; the triage layer makes (and audits) the decision
      if (deps.triage.clustersFor(asker).includes(cluster)) {
        await respond({
          response_type: 'ephemeral',
          text: `Checking ${escapeMrkdwn(cluster)}${target ? ` → ${escapeMrkdwn(target)}` : ''} (read-only)…`,
        });
      }
      try {
        const outcome = await deps.triage.upgradeCheck(cluster, target, asker);
        if (!outcome.ok) return { response_type: 'ephemeral', text: escapeMrkdwn(outcome.refusal) };
        return { response_type: 'in_channel', ...renderUpgradeBlocks(outcome.value) };
      } catch (error) {
        if (!(error instanceof KubetriageError)) throw error;
        return { response_type: 'ephemeral', text: escapeMrkdwn(error.message) };
      }
    });
  };
}
