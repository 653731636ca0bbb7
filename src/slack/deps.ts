import type { ActivitySink } from '../activity/activity-log.js';
import type { VerificationReport } from '../checks/verify.js';
import type { Diagnosis } from '../diagnose/types.js';
import type { AuditTrail } from '../logging/audit.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { InFlight } from '../state/in-flight.js';
import type { StateStore } from '../state/store.js';
import type { Catalog } from '../triage/catalog.js';
import type { UpgradeReport } from '../upgrade/upgrade-check.js';

/** Read-only cluster verification as the Slack adapter sees it. */
export interface SlackClusters {
  /** clusters this channel may check (none for an unlisted channel once a channel map is set) */
  allowedIn(channel: string): string[];
  /** the reason a cluster may not be checked here: who may check what */
  refusal(channel: string, cluster: string): string;
  /** the cluster preselected for this channel when the paste names none */
  defaultFor(channel: string): string | undefined;
  /** channels that verify a confident match automatically */
  autoVerify(channel: string): boolean;
  verify(incidentId: string, cluster: string): Promise<VerificationReport>;
  upgradeCheck(cluster: string, target: string | undefined): Promise<UpgradeReport>;
}

/** What the Slack listeners need from the rest of the app; tests pass fakes. */
export interface SlackDeps {
  /** the knowledge base currently serving (a getter, so a reload is picked up) */
  knowledge: () => Catalog;
  diagnose: (text: string) => Diagnosis | Promise<Diagnosis>;
  store: StateStore;
  activity?: ActivitySink;
  logger: Logger;
  /** who verified or upgrade-checked which cluster, with what result */
  audit: AuditTrail;
  /** Prometheus series; absent in tests that do not look at them */
  metrics?: Metrics;
  /** replies still being produced when SIGTERM arrives */
  inFlight?: InFlight;
  /** read-only checks; absent when no cluster is configured */
  clusters?: SlackClusters;
  /** shown on the "Run checks on…" button when no cluster is configured */
  checksUnavailable: string;
  /** shown by /upgrade-check when no cluster is configured */
  upgradeCheckUnavailable: string;
}

/** Slack retries arrive within minutes; identical pastes in one thread are answered once per window. */
export const DEDUPE_TTL_MS = 10 * 60 * 1000;
