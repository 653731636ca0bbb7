import type { ActivityLog } from '../activity/activity-log.js';
import type { Diagnosis } from '../diagnose/types.js';
import type { KnowledgeBase } from '../knowledge/load.js';
import type { Logger } from '../logging/logger.js';
import type { StateStore } from '../state/store.js';

/** What the Slack listeners need from the rest of the app; tests pass fakes. */
export interface SlackDeps {
  /** the knowledge base currently serving (a getter, so a reload is picked up) */
  knowledge: () => KnowledgeBase;
  diagnose: (text: string) => Diagnosis | Promise<Diagnosis>;
  store: StateStore;
  activity?: ActivityLog;
  logger: Logger;
  /** shown on the "Run checks on…" button until cluster checks are configured */
  checksUnavailable: string;
  /** shown by /upgrade-check until the upgrade report is available */
  upgradeCheckUnavailable: string;
}

/** Slack retries arrive within minutes; identical pastes in one thread are answered once per window. */
export const DEDUPE_TTL_MS = 10 * 60 * 1000;
