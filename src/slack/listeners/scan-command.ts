import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { redactSecrets } from '../../redact.js';
import type { ScanProgress } from '../../scan/types.js';
import type { SlackDeps } from '../deps.js';
import { section } from '../render/blocks.js';
import { escapeMrkdwn } from '../render/mrkdwn.js';
import { renderScanBlocks, renderScanProgress } from '../render/scan-blocks.js';
import { answerCommand } from './command-answer.js';

const USAGE = 'Usage: `/scan <cluster>`, e.g. `/scan prod-eu`: the known incidents on that cluster now, read-only';

const PHASES: Record<ScanProgress['phase'], string> = {
  nodes: 'reading node conditions',
  events: 'reading Warning events',
  logs: 'reading system logs',
  matching: 'matching against the knowledge base',
};

/**
 * /scan <cluster>: one message in the channel, updated in place (response_url, replace_original)
 * as the scan moves through its phases, and replaced by the report.
 */
export function onScanCommand(deps: SlackDeps) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const request = { command: command.command, channel: command.channel_id, correlationId: command.trigger_id };
    await answerCommand(respond, deps, request, async () => {
      // the argument is echoed back: a token typed by mistake must not be
      const [cluster, ...extra] = redactSecrets(command.text).text.trim().split(/\s+/).filter(Boolean);
      if (!cluster || extra.length > 0) return { response_type: 'ephemeral', text: USAGE, blocks: [section(USAGE, '')] };
      const asker = { who: command.user_id, channel: command.channel_id, correlationId: command.trigger_id };
      const allowed = deps.triage.clustersFor(asker).includes(cluster);
      // one message, posted once the channel may check the cluster, then updated phase by phase
      let shown: string | undefined;
      let updates = Promise.resolve();
      const progress = (p: ScanProgress) => {
        if (p.phase === shown) return;
        shown = p.phase;
        const message = renderScanProgress(cluster, PHASES[p.phase]);
        updates = updates.then(async () => {
          await respond({ response_type: 'in_channel', replace_original: true, ...message });
        });
      };
      if (allowed) await respond({ response_type: 'in_channel', ...renderScanProgress(cluster, 'starting') });
      const outcome = await deps.triage.scan(cluster, asker, allowed ? progress : undefined);
      await updates;
      if (!outcome.ok) return { response_type: 'ephemeral', text: escapeMrkdwn(outcome.refusal) };
      return { response_type: 'in_channel', replace_original: true, ...renderScanBlocks(outcome.value) };
    });
  };
}
