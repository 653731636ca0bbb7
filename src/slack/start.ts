import type { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { ActivityLog } from '../activity/activity-log.js';
import { RedisActivityLog } from '../activity/redis-activity.js';
import type { ClusterEnv, Config } from '../config.js';
import { KubetriageError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { healthRoutes } from '../observability/health-routes.js';
import type { Metrics } from '../observability/metrics.js';
import type { InFlight } from '../state/in-flight.js';
import { RedisStateStore } from '../state/redis-store.js';
import { MemoryStateStore } from '../state/store.js';
import type { Triage } from '../triage/triage.js';
import { createSlackApp } from './app.js';
import type { ChannelSettings, TeamAuthoring } from './deps.js';
import { slackErrorCode } from './slack-errors.js';

export const CHECKS_UNAVAILABLE =
  'Cluster checks are not configured in this deployment yet: the diagnosis above comes from the text alone.';
export const UPGRADE_CHECK_UNAVAILABLE =
  'No cluster is configured for read-only checks (set KUBECONFIG), so there is nothing to check before an upgrade.';

export interface RunningSlack {
  stop(): Promise<void>;
}

/** Per-channel Slack settings from the environment (who may check what is the triage layer's). */
export function channelSettings(config: ClusterEnv): ChannelSettings {
  return {
    defaultFor: (channel) => config.KUBETRIAGE_CHANNEL_DEFAULT_CLUSTERS[channel],
    autoVerify: (channel) => config.KUBETRIAGE_AUTO_VERIFY_CHANNELS.includes(channel),
  };
}

export type SocketState = 'connected' | 'reconnecting' | 'disconnected';

/** The Socket Mode client's state as it changes (its events are named after the states). */
export function followSocket(socket: EventEmitter, onState: (state: SocketState) => void): void {
  for (const state of ['connected', 'reconnecting', 'disconnected'] as const) socket.on(state, () => onState(state));
}

/** What Slack answers for a token it will not accept. */
const AUTH_ERRORS = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'missing_scope']);

/** A Slack call at start-up whose token refusal is one line naming the variable, not a stack trace. */
async function slackCall<T>(variable: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = slackErrorCode(error);
    if (code && AUTH_ERRORS.has(code))
      throw new KubetriageError('SLACK_AUTH', `Slack refused ${variable} (${code}): reinstall the app or set a valid token`);
    throw error;
  }
}

/** The kb new command for this deployment: its activity store, and its first team folder. */
export function teamAuthoring(config: Config): TeamAuthoring {
  const source = config.REDIS_URL ? '--redis "$REDIS_URL"' : `--data ${config.KUBETRIAGE_DATA_DIR}`;
  const dir = config.KUBETRIAGE_KNOWLEDGE_DIRS[0] ?? 'team-knowledge';
  return {
    authors: config.KUBETRIAGE_KB_AUTHORS,
    command: (fingerprint) => `kubetriage kb new --from-unmatched ${fingerprint} ${source} --dir ${dir}`,
  };
}

/** Starts the bot in the mode the config picked and returns how to stop it. */
export async function startSlack(
  config: Config,
  triage: Triage,
  metrics: Metrics,
  inFlight: InFlight,
  logger: Logger,
  /** what /readyz adds while ready (a refused knowledge reload) */
  details: () => string[] = () => [],
): Promise<RunningSlack> {
  // Several replicas share de-duplication and feedback through Redis; one replica needs nothing installed.
  // loaded only for several replicas: one replica needs no Redis client in memory either
  const redis: Redis | undefined = config.REDIS_URL
    ? new (await import('ioredis')).Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, connectTimeout: 5000 })
    : undefined;
  const store = redis ? new RedisStateStore(redis) : new MemoryStateStore();
  // Ready once the knowledge base is loaded (it is, here) and Slack has accepted the connection.
  let slackState: 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'stopping' = 'connecting';
  const readiness = { notReady: () => (slackState === 'connected' ? undefined : `Slack is ${slackState}`), details };
  const app = createSlackApp(
    {
      botToken: config.SLACK_BOT_TOKEN ?? '',
      ...(config.mode === 'slack-socket' ? { appToken: config.SLACK_APP_TOKEN } : { signingSecret: config.SLACK_SIGNING_SECRET }),
      ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
      customRoutes: healthRoutes(readiness, metrics),
      healthPort: config.PORT,
    },
    {
      triage,
      channels: channelSettings(config),
      store,
      activity: redis ? new RedisActivityLog(redis) : new ActivityLog(config.KUBETRIAGE_DATA_DIR),
      logger,
      metrics,
      inFlight,
      checksUnavailable: CHECKS_UNAVAILABLE,
      upgradeCheckUnavailable: UPGRADE_CHECK_UNAVAILABLE,
      ...(config.KUBETRIAGE_KB_AUTHORS.length > 0 ? { teamAuthoring: teamAuthoring(config) } : {}),
      triageBots: config.KUBETRIAGE_TRIAGE_BOTS,
    },
  );
  // Ready only once Slack accepted the token (init runs auth.test): a revoked or wrong one is a
  // one-line fatal error
  await slackCall('SLACK_BOT_TOKEN', () => app.init());
  if (config.mode === 'slack-socket') {
    // in Socket Mode, ready means the socket is up: a drop makes /readyz 503 until it reconnects
    // Bolt keeps its receiver private; its SocketModeClient is the EventEmitter of the socket's state
    const socket = (app as unknown as { receiver?: { client?: EventEmitter } }).receiver?.client;
    if (socket)
      followSocket(socket, (state) => {
        if (slackState !== 'stopping') slackState = state;
      });
    await slackCall('SLACK_APP_TOKEN', () => app.start());
  } else await app.start(config.PORT);
  slackState = 'connected';
  logger.info({ mode: config.mode, port: config.mode === 'slack-http' ? config.PORT : undefined }, 'kubetriage is listening');
  return {
    stop: async () => {
      slackState = 'stopping';
      await app.stop();
      await store.close();
    },
  };
}
