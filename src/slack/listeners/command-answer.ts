import type { RespondFn } from '@slack/bolt';
import { type SlackDeps, track } from '../deps.js';

export interface CommandRequest {
  command: string;
  channel: string;
  correlationId: string;
}

/** Work after ack() must never throw into Bolt: a failed answer is logged with its correlation id. */
export async function answerCommand(
  respond: RespondFn,
  deps: SlackDeps,
  request: CommandRequest,
  work: () => Promise<Parameters<RespondFn>[0]>,
): Promise<void> {
  const started = performance.now();
  try {
    const answering = work().then((message) => respond(message));
    await track(deps, answering);
    deps.logger.info({ kind: 'command', ...request, durationMs: Math.round(performance.now() - started) }, 'command handled');
  } catch (error) {
    deps.logger.error({ kind: 'command', ...request, err: error }, 'slash command answer failed');
  }
}
