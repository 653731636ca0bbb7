import { runConsole } from './cli/console/run-console.js';
import type { ClusterRegistry } from './cluster/registry.js';
import { loadConfig } from './config.js';
import { KubetriageError } from './errors.js';
import { BUNDLED_KNOWLEDGE_DIR } from './knowledge/default-dir.js';
import { watchKnowledge } from './knowledge/watch.js';
import { AuditTrail } from './logging/audit.js';
import { createLogger } from './logging/logger.js';
import { Metrics } from './observability/metrics.js';
import { startSlack } from './slack/start.js';
import { InFlight } from './state/in-flight.js';
import { loadCatalog } from './triage/catalog.js';
import { CatalogHolder } from './triage/catalog-holder.js';
import { clusterSettings } from './triage/cluster-settings.js';
import { defaultSnapshotOptions } from './triage/knowledge-snapshot.js';
import { createTriage } from './triage/triage.js';

/** Shorter than Kubernetes' default 30 s grace period, so the pod is not killed mid-reply. */
const SHUTDOWN_DEADLINE_MS = 20_000;

/** Composition root for `npm start`: config → knowledge → the adapter the environment asks for. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // the base (bundled, or the folder that replaces it), then the team folders loaded on top
  const dirs = [config.KUBETRIAGE_KNOWLEDGE_DIR ?? BUNDLED_KNOWLEDGE_DIR, ...config.KUBETRIAGE_KNOWLEDGE_DIRS];
  const snapshots = await defaultSnapshotOptions(process.env);
  const kb = await loadCatalog(dirs, { snapshots });
  if (config.mode === 'console') {
    await runConsole(kb, process.stdin, process.stdout, Boolean(process.stdin.isTTY && process.stdout.isTTY));
    return;
  }
  const logger = createLogger(config.LOG_LEVEL, undefined, Boolean(process.stdout.isTTY));
  const knowledge = new CatalogHolder(dirs, kb, { snapshots });
  const metrics = new Metrics();
  metrics.knowledgeEntries.set(kb.incidents.length);
  const inFlight = new InFlight();
  const settings = clusterSettings(config);
  // client-node is the largest dependency: a bot that may read no cluster never loads it
  const registry: ClusterRegistry | undefined =
    settings.kubeconfigPaths.length > 0 || settings.allowed.length > 0
      ? (await import('./cluster/registry.js')).ClusterRegistry.load(settings)
      : undefined;
  const clusters = registry?.names() ?? [];
  const triage = createTriage({
    catalog: () => knowledge.current(),
    ...(registry && clusters.length > 0 ? { clusters: registry } : {}),
    budgetMs: config.KUBETRIAGE_CHECK_BUDGET_MS,
    audit: new AuditTrail(logger, config.KUBETRIAGE_AUDIT_FILE),
  });
  const slack = await startSlack(config, triage, metrics, inFlight, logger, () => knowledge.readinessDetails());
  logger.info({ incidents: kb.incidents.length, clusters }, 'knowledge and clusters loaded');

  const reload = (trigger: string) => {
    knowledge.reload().then(
      (result) => {
        if (result.ok) {
          metrics.knowledgeEntries.set(result.incidents);
          logger.info({ trigger, incidents: result.incidents }, 'knowledge reloaded');
        } else {
          logger.error({ trigger, problems: result.problems }, 'knowledge reload rejected: the previous knowledge base keeps serving');
        }
      },
      (error: unknown) => logger.error({ trigger, err: error }, 'knowledge reload failed: the previous knowledge base keeps serving'),
    );
  };
  process.on('SIGHUP', () => reload('SIGHUP'));
  const watchers =
    config.KUBETRIAGE_WATCH_KNOWLEDGE === 'true' ? dirs.map((dir) => watchKnowledge(dir, () => reload(`file change in ${dir}`))) : [];
  const unwatch = () => {
    for (const stopWatching of watchers) stopWatching();
  };

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, inFlight: inFlight.size }, 'stopping: no new events, finishing replies in flight');
    unwatch?.();
    await slack.stop();
    const drained = await inFlight.drain(SHUTDOWN_DEADLINE_MS);
    logger.info({ drained }, drained ? 'stopped' : 'stopped at the deadline with work unfinished');
    logger.flush();
    process.exit(drained ? 0 : 1);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  const message = error instanceof KubetriageError ? error.message : ((error as Error).stack ?? String(error));
  process.stderr.write(`kubetriage: ${message}\n`);
  process.exitCode = 1;
});
