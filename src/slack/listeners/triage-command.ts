import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { recordDiagnosis } from '../../observability/record.js';
import { chooseCluster } from '../cluster-choice.js';
import type { SlackDeps } from '../deps.js';
import { pasteFromSlackText } from '../paste-text.js';
import { section } from '../render/blocks.js';
import { renderDiagnosisBlocks } from '../render/diagnosis-blocks.js';
import { answerCommand } from './command-answer.js';

/** /triage <error>: the diagnosis, shown only to the person who asked. */
export function onTriageCommand(deps: SlackDeps) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const request = { command: command.command, channel: command.channel_id, correlationId: command.trigger_id };
    await answerCommand(respond, deps, request, async () => {
      const text = pasteFromSlackText(command.text);
      if (!text)
        return {
          response_type: 'ephemeral',
          text: 'Usage: /triage <error text>',
          blocks: [section('Usage: `/triage <error text>`: paste the error after the command.')],
        };
      const { diagnosis, incident } = deps.triage.diagnose(text);
      recordDiagnosis(deps.metrics, diagnosis);
      const message = renderDiagnosisBlocks(diagnosis, incident, {
        pasteHash: diagnosis.input.fingerprint,
        checksUnavailable: deps.checksUnavailable,
        // the same picker as a reply in the channel: /triage used to say checks were not configured
        clusters: chooseCluster(deps, command.channel_id, text),
        teamAuthoring: Boolean(deps.teamAuthoring),
      });
      return { response_type: 'ephemeral', ...message };
    });
  };
}
