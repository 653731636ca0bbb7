import { Redis } from 'ioredis';
import { ActivityLog } from '../activity/activity-log.js';
import { RedisActivityLog } from '../activity/redis-activity.js';
import { verifyIncident } from '../checks/verify.js';
import { ClusterRegistry } from '../cluster/registry.js';
import type { ClusterEnv, Config } from '../config.js';
import { diagnose } from '../diagnose/diagnose.js';
import { KubetriageError } from '../errors.js';
import { loadApiRemovals } from '../knowledge/api-removals.js';
import { AuditTrail } from '../logging/audit.js';
import type { Logger } from '../logging/logger.js';
import { healthRoutes } from '../observability/health-routes.js';
import type { Metrics } from '../observability/metrics.js';
import type { InFlight } from '../state/in-flight.js';
import { RedisStateStore } from '../state/redis-store.js';
import { MemoryStateStore } from '../state/store.js';
import type { Catalog } from '../triage/catalog.js';
import type { CatalogHolder } from '../triage/catalog-holder.js';
import { clusterSettings } from '../triage/cluster-settings.js';
import { upgradeCheck } from '../upgrade/upgrade-check.js';
import { createSlackApp } from './app.js';
import type { SlackClusters } from './deps.js';

export const CHECKS_UNAVAILABLE =
  'Cluster checks are not configured in this deployment yet: the diagnosis above comes from the text alone.';
export const UPGRADE_CHECK_UNAVAILABLE =
  'No cluster is configured for read-only checks (set KUBECONFIG), so there is nothing to check before an upgrade.';

export interface RunningSlack {
  stop(): Promise<void>;
}

/** Starts the bot in the mode the config picked and returns how to stop it. */
/** The Slack view of the cluster registry: which channel may check what, and how. */
export function slackClusters(registry: ClusterRegistry, config: ClusterEnv, kb: () => Catalog): SlackClusters | undefined {
  if (registry.names().length === 0) return undefined;
  return {
    allowedIn: (channel) => registry.allowedIn(channel),
    refusal: (channel, cluster) => {
      const allowed = registry.allowedIn(channel);
      if (allowed.length === 0 || registry.names().includes(cluster))
        return `This channel may not check ${cluster}: ${registry.channelPolicy()}.`;
      return `${registry.unknownCluster(cluster, allowed)}.`;
    },
    defaultFor: (channel) => config.KUBETRIAGE_CHANNEL_DEFAULT_CLUSTERS[channel],
    autoVerify: (channel) => config.KUBETRIAGE_AUTO_VERIFY_CHANNELS.includes(channel),
    verify: async (incidentId, cluster) => {
      const incident = kb().byId.get(incidentId);
      const reader = registry.reader(cluster);
      if (!incident || !reader) throw new Error(`cannot verify ${incidentId} on ${cluster}`);
      return verifyIncident(incident, reader, { budgetMs: config.KUBETRIAGE_CHECK_BUDGET_MS });
    },
    upgradeCheck: async (cluster, target) => {
      const reader = registry.reader(cluster);
      if (!reader) throw new KubetriageError('UNKNOWN_CLUSTER', registry.unknownCluster(cluster));
      const knowledge = kb();
      return upgradeCheck(reader, knowledge, {
        ...(target ? { target } : {}),
        budgetMs: config.KUBETRIAGE_CHECK_BUDGET_MS,
      });
    },
  };
}

export async function startSlack(
  config: Config,
  knowledge: CatalogHolder,
  metrics: Metrics,
  inFlight: InFlight,
  logger: Logger,
): Promise<RunningSlack> {
  // Several replicas share de-duplication and feedback through Redis; one replica needs nothing installed.
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, connectTimeout: 5000 }) : undefined;
  const store = redis ? new RedisStateStore(redis) : new MemoryStateStore();
  // Ready once the knowledge base is loaded (it is, here) and Slack has accepted the connection.
  let slackState: 'connecting' | 'connected' | 'stopping' = 'connecting';
  const readiness = { notReady: () => (slackState === 'connected' ? undefined : `Slack is ${slackState}`) };
  const clusters = slackClusters(ClusterRegistry.load(clusterSettings(config)), config, () => knowledge.current());
  const app = createSlackApp(
    {
      botToken: config.SLACK_BOT_TOKEN ?? '',
      ...(config.mode === 'slack-socket' ? { appToken: config.SLACK_APP_TOKEN } : { signingSecret: config.SLACK_SIGNING_SECRET }),
      ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
      customRoutes: healthRoutes(readiness, metrics),
      healthPort: config.PORT,
    },
    {
      knowledge: () => knowledge.current(),
      diagnose: (text) => diagnose(text, knowledge.current()),
      store,
      activity: redis ? new RedisActivityLog(redis) : new ActivityLog(config.KUBETRIAGE_DATA_DIR),
      logger,
      audit: new AuditTrail(logger, config.KUBETRIAGE_AUDIT_FILE),
      metrics,
      inFlight,
      ...(clusters ? { clusters } : {}),
      checksUnavailable: CHECKS_UNAVAILABLE,
      upgradeCheckUnavailable: UPGRADE_CHECK_UNAVAILABLE,
    },
  );
  if (config.mode === 'slack-socket') await app.start();
  else await app.start(config.PORT);
  slackState = 'connected';
  logger.info(
    { mode: config.mode, port: config.mode === 'slack-http' ? config.PORT : undefined, incidents: knowledge.current().incidents.length },
    'kubetriage is listening',
  );
  return {
    stop: async () => {
      slackState = 'stopping';
      await app.stop();
      await store.close();
    },
  };
}
