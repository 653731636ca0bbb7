import type { App, RespondFn } from '@slack/bolt';
import { findRunbook } from '../../diagnose/runbook.js';
import { KubetriageError } from '../../errors.js';
import { recordDiagnosis } from '../../observability/record.js';
import { redactSecrets } from '../../redact.js';
import type { SlackDeps } from '../deps.js';
import { pasteFromSlackText } from '../paste-text.js';
import { section } from '../render/blocks.js';
import { renderDiagnosisBlocks } from '../render/diagnosis-blocks.js';
import { escapeMrkdwn } from '../render/mrkdwn.js';
import { RUNBOOK_USAGE, renderRunbookSearch } from '../render/runbook-blocks.js';
import { renderUpgradeBlocks } from '../render/upgrade-blocks.js';

export const COMMANDS = ['/runbook', '/triage', '/upgrade-check'] as const;

/** Work after ack() must never throw into Bolt: a failed answer is logged with its correlation id. */
async function answer(
  respond: RespondFn,
  deps: SlackDeps,
  request: { command: string; channel: string; correlationId: string },
  work: () => Promise<Parameters<RespondFn>[0]>,
): Promise<void> {
  const started = performance.now();
  try {
    const answering = work().then((message) => respond(message));
    await (deps.inFlight ? deps.inFlight.track(answering) : answering);
    deps.logger.info({ kind: 'command', ...request, durationMs: Math.round(performance.now() - started) }, 'command handled');
  } catch (error) {
    deps.logger.error({ kind: 'command', ...request, err: error }, 'slash command answer failed');
  }
}

/** Every command acks first (Slack allows 3 seconds), then answers through response_url. */
export function registerCommands(app: App, deps: SlackDeps): void {
  app.command('/runbook', async ({ command, ack, respond }) => {
    await ack();
    await answer(respond, deps, { command: command.command, channel: command.channel_id, correlationId: command.trigger_id }, async () => {
      const query = command.text.trim();
      const message = query ? renderRunbookSearch(findRunbook(query, deps.knowledge())) : RUNBOOK_USAGE;
      return { response_type: 'ephemeral', ...message };
    });
  });

  app.command('/triage', async ({ command, ack, respond }) => {
    await ack();
    await answer(respond, deps, { command: command.command, channel: command.channel_id, correlationId: command.trigger_id }, async () => {
      const text = pasteFromSlackText(command.text);
      if (!text)
        return {
          response_type: 'ephemeral',
          text: 'Usage: /triage <error text>',
          blocks: [section('Usage: `/triage <error text>`: paste the error after the command.')],
        };
      const diagnosis = await deps.diagnose(text);
      recordDiagnosis(deps.metrics, diagnosis);
      const message = renderDiagnosisBlocks(diagnosis, (id) => deps.knowledge().byId.get(id), {
        pasteHash: diagnosis.input.fingerprint,
        checksUnavailable: deps.checksUnavailable,
      });
      return { response_type: 'ephemeral', ...message };
    });
  });

  app.command('/upgrade-check', async ({ command, ack, respond }) => {
    await ack();
    await answer(respond, deps, { command: command.command, channel: command.channel_id, correlationId: command.trigger_id }, async () => {
      // the arguments are echoed back: a token typed by mistake must not be
      const [cluster, target, ...extra] = redactSecrets(command.text).text.trim().split(/\s+/).filter(Boolean);
      const usage = 'Usage: `/upgrade-check <cluster> [target-version]`, e.g. `/upgrade-check prod-eu 1.29`';
      if (!deps.clusters) return { response_type: 'ephemeral', text: deps.upgradeCheckUnavailable };
      if (!cluster || extra.length > 0) return { response_type: 'ephemeral', text: usage, blocks: [section(usage)] };
      const allowed = deps.clusters.allowedIn(command.channel_id);
      if (!allowed.includes(cluster)) {
        await deps.audit.record({ who: command.user_id, channel: command.channel_id, cluster, what: 'upgrade-check', result: 'denied' });
        return { response_type: 'ephemeral', text: escapeMrkdwn(deps.clusters.refusal(command.channel_id, cluster)) };
      }
      await respond({
        response_type: 'ephemeral',
        text: `Checking ${escapeMrkdwn(cluster)}${target ? ` → ${escapeMrkdwn(target)}` : ''} (read-only)…`,
      });
      const started = performance.now();
      try {
        const report = await deps.clusters.upgradeCheck(cluster, target);
        const required = report.findings.filter((f) => f.severity === 'required').length;
        await deps.audit.record({
          who: command.user_id,
          channel: command.channel_id,
          cluster,
          what: `upgrade-check ${report.current} -> ${report.target}`,
          result: `${required} required`,
          durationMs: Math.round(performance.now() - started),
        });
        return { response_type: 'in_channel', ...renderUpgradeBlocks(report) };
      } catch (error) {
        if (!(error instanceof KubetriageError)) throw error;
        return { response_type: 'ephemeral', text: escapeMrkdwn(error.message) };
      }
    });
  });
}
