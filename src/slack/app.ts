import { App, webApi } from '@slack/bolt';
import type { healthRoutes } from '../observability/health-routes.js';
import { boltLogger } from './bolt-logger.js';
import type { SlackDeps } from './deps.js';
import { LISTENERS, registerListeners } from './listeners/index.js';

export interface SlackSettings {
  botToken: string;
  /** Socket Mode when set */
  appToken?: string;
  /** HTTP mode (request signing) when there is no app token */
  signingSecret?: string;
  apiUrl?: string;
  /** per-call Web API timeout (default 10 s) */
  webApiTimeoutMs?: number;
  botId?: string;
  botUserId?: string;
  /** /healthz, /readyz, /metrics; in Socket Mode served on healthPort */
  customRoutes?: ReturnType<typeof healthRoutes>;
  healthPort?: number;
}

/**
 * Web API calls time out and retry a bounded number of times; 429s wait for Retry-After and 5xx
 * and connection failures are retried. A timed-out call is NOT retried: Slack may already have
 * posted it, and a doubled reply is worse than one logged failure.
 */
export function webClientOptions(timeoutMs: number) {
  return {
    timeout: timeoutMs,
    rejectRateLimitedCalls: false,
    retryConfig: {
      retries: 3,
      factor: 2,
      minTimeout: 500,
      maxTimeout: 10_000,
      randomize: true,
      onFailedAttempt: (error: Error & { original?: Error }) => {
        if (error.original?.name === 'TimeoutError' || error.original?.name === 'AbortError') throw error;
      },
    },
  };
}

/** Registrations only: the same listeners serve Socket Mode and HTTP mode. */
export function createSlackApp(settings: SlackSettings, deps: SlackDeps): App {
  const common = {
    token: settings.botToken,
    logger: boltLogger(deps.logger),
    clientOptions: {
      ...webClientOptions(settings.webApiTimeoutMs ?? 10_000),
      ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    },
    // Without known ids Bolt verifies the token with auth.test; deferred to app.init(), because in
    // the constructor a refused token is an unhandled rejection that kills the process with a stack
    ...(settings.botId && settings.botUserId
      ? { botId: settings.botId, botUserId: settings.botUserId, tokenVerificationEnabled: false }
      : { deferInitialization: true }),
    ...(settings.customRoutes ? { customRoutes: settings.customRoutes } : {}),
  };
  const app = settings.appToken
    ? new App({
        ...common,
        appToken: settings.appToken,
        socketMode: true,
        // the socket client has its own Web API client (apps.connections.open): the same API URL
        installerOptions: { port: settings.healthPort ?? 3000, clientOptions: common.clientOptions },
      })
    : new App({ ...common, signingSecret: settings.signingSecret ?? '', endpoints: '/slack/events', processBeforeResponse: false });
  app.client.on(webApi.WebClientEvent.RATE_LIMITED, () => deps.metrics?.slackRateLimited.inc());
  // every slash command and button press, counted by name (only names this app registers: bounded labels)
  const known = new Set<string>([...Object.keys(LISTENERS.commands), ...Object.keys(LISTENERS.actions)]);
  app.use(async ({ body, next }) => {
    const command = (body as { command?: string }).command;
    const action = (body as { actions?: Array<{ action_id?: string }> }).actions?.[0]?.action_id;
    if (command) deps.metrics?.slackInteractions.inc({ type: 'command', name: known.has(command) ? command : 'other' });
    else if (action) deps.metrics?.slackInteractions.inc({ type: 'action', name: known.has(action) ? action : 'other' });
    await next();
  });
  registerListeners(app, deps);
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  return app;
}
