import type { ActivitySink } from '../activity/activity-log.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { InFlight } from '../state/in-flight.js';
import type { StateStore } from '../state/store.js';
import type { Triage } from '../triage/triage.js';

/** Per-channel Slack settings that are not access rules (those live in the triage layer). */
export interface ChannelSettings {
  /** the cluster preselected for this channel when the paste names none */
  defaultFor(channel: string): string | undefined;
  /** channels that verify a confident match automatically */
  autoVerify(channel: string): boolean;
}

/** What the Slack listeners need from the rest of the app; tests pass fakes. */
export interface SlackDeps {
  /** the use cases: diagnose, runbook, verify, upgrade check (the allowlist and the audit live there) */
  triage: Triage;
  channels: ChannelSettings;
  store: StateStore;
  activity?: ActivitySink;
  logger: Logger;
  /** Prometheus series; absent in tests that do not look at them */
  metrics?: Metrics;
  /** replies still being produced when SIGTERM arrives */
  inFlight?: InFlight;
  /** shown on the "Run checks on…" button when no cluster is configured */
  checksUnavailable: string;
  /** shown by /upgrade-check when no cluster is configured */
  upgradeCheckUnavailable: string;
  /** alert bots whose posts are triaged like a person's paste (KUBETRIAGE_TRIAGE_BOTS); never this bot */
  triageBots?: readonly string[];
  /** the hosts shared files are downloaded from with the bot token (default: Slack's; tests: a fake) */
  fileHosts?: readonly string[];
  /** who may turn a paste into a team incident, and the command that scaffolds it (absent: no button) */
  teamAuthoring?: TeamAuthoring;
}

export interface TeamAuthoring {
  /** Slack user ids (KUBETRIAGE_KB_AUTHORS) */
  authors: readonly string[];
  /** the `kubetriage kb new` command for a paste's fingerprint, with this deployment's data source */
  command(fingerprint: string): string;
}

/** Counted as in-flight so a shutdown waits for the reply. */
export function track<T>(deps: SlackDeps, work: Promise<T>): Promise<T> {
  return deps.inFlight ? deps.inFlight.track(work) : work;
}

/** Slack retries arrive within minutes; identical pastes in one thread are answered once per window. */
export const DEDUPE_TTL_MS = 10 * 60 * 1000;
