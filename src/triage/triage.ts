import { DEFAULT_BUDGET_MS, notApplicable, type VerificationReport, verifyIncident } from '../checks/verify.js';
import { memoizedReader } from '../cluster/memoized-reader.js';
import type { ClusterReader } from '../cluster/reader.js';
import { diagnose } from '../diagnose/diagnose.js';
import { recogniseIncident } from '../diagnose/recognise.js';
import { findRunbook, type RunbookResult } from '../diagnose/runbook.js';
import type { Diagnosis } from '../diagnose/types.js';
import { KubetriageError } from '../errors.js';
import type { Incident } from '../knowledge/schema.js';
import type { AuditTrail } from '../logging/audit.js';
import { scanCluster } from '../scan/scan.js';
import type { ScanProgress, ScanReport } from '../scan/types.js';
import { detectCluster } from '../upgrade/detect.js';
import { type UpgradeReport, upgradeCheck } from '../upgrade/upgrade-check.js';
import type { Catalog } from './catalog.js';
import { renderRbac } from './rbac.js';

/** What the use cases need of the cluster registry (ClusterRegistry implements it; tests fake it). */
export interface ClusterAccess {
  names(): string[];
  /** the clusters a Slack channel may check (fails closed once a channel map is set) */
  allowedIn(channel?: string): string[];
  channelPolicy(): string;
  unknownCluster(name: string, allowed?: string[]): string;
  reader(name: string): ClusterReader | undefined;
  refusedContexts(): Array<{ name: string; reason: string }>;
}

/** One configured cluster as `kubetriage clusters` reports it. */
export type ClusterHealth =
  | { name: string; reachable: true; version: string }
  | { name: string; reachable: false; reason: string; refused?: true };

/** Who asks: a Slack user in a channel, or (no channel) an operator at a terminal with the kubeconfig. */
export interface Asker {
  who: string;
  channel?: string;
  correlationId?: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: string };

/** A diagnosis and the incidents it names, from the one catalog snapshot it was made with. */
export interface Answer {
  diagnosis: Diagnosis;
  incident(id: string): Incident | undefined;
}

export interface TriageDeps {
  /** the snapshot being served (CatalogHolder.current): read once per use case */
  catalog: () => Catalog;
  /** absent when no cluster is configured */
  clusters?: ClusterAccess;
  budgetMs: number;
  /** every verification and upgrade check leaves one record (the bot); the CLI has none */
  audit?: AuditTrail;
}

export interface Triage {
  diagnose(text: string, options?: { runnerUps?: number }): Answer;
  runbook(query: string): RunbookResult;
  /** an incident of the catalog being served, e.g. for a button pressed on an older reply */
  incident(id: string): Incident | undefined;
  clustersConfigured(): boolean;
  /** the clusters this asker may check */
  clustersFor(asker: Asker): string[];
  verify(incidentId: string, cluster: string, asker: Asker): Promise<Outcome<VerificationReport>>;
  upgradeCheck(
    cluster: string,
    target: string | undefined,
    asker: Asker,
    onProgress?: (phase: string) => void,
  ): Promise<Outcome<UpgradeReport>>;
  /** what is wrong with a cluster now, from its node conditions, Warning events and system logs */
  scan(cluster: string, asker: Asker, onProgress?: (progress: ScanProgress) => void): Promise<Outcome<ScanReport>>;
  rbac(): string;
  /** every configured cluster: answers (with its version), unreachable (why), or refused (why) */
  clusterHealth(): Promise<ClusterHealth[]>;
}

/** A scan reads far more than one verification: it gets at least this long. */
const SCAN_BUDGET_MS = 30_000;

const NO_CLUSTERS = 'No cluster is configured for read-only checks (set KUBECONFIG, and optionally KUBETRIAGE_CLUSTERS).';

/**
 * The use cases, in one place for every adapter: Slack and the CLI call these and never reach
 * into the knowledge loader or the cluster registry. Each cluster use case makes the one
 * allowlist decision and writes the one audit record.
 */
export function createTriage(deps: TriageDeps): Triage {
  const clustersFor = (asker: Asker) =>
    deps.clusters ? (asker.channel === undefined ? deps.clusters.names() : deps.clusters.allowedIn(asker.channel)) : [];

  /** The reader for `cluster` if this asker may use it, or why not. */
  const readerFor = (cluster: string, asker: Asker): Outcome<ClusterReader> => {
    const access = deps.clusters;
    if (!access) return { ok: false, refusal: NO_CLUSTERS };
    const allowed = clustersFor(asker);
    if (!allowed.includes(cluster)) {
      const known = access.names().includes(cluster);
      const refusal =
        asker.channel !== undefined && (known || allowed.length === 0)
          ? `This channel may not check ${cluster}: ${access.channelPolicy()}.`
          : access.unknownCluster(cluster, allowed);
      return { ok: false, refusal };
    }
    const reader = access.reader(cluster);
    return reader ? { ok: true, value: reader } : { ok: false, refusal: access.unknownCluster(cluster, allowed) };
  };

  const audit = async (asker: Asker, cluster: string, what: string, result: string, durationMs?: number) =>
    deps.audit?.record(
      { who: asker.who, channel: asker.channel ?? 'cli', cluster, what, result, ...(durationMs !== undefined ? { durationMs } : {}) },
      asker.correlationId,
    );

  return {
    diagnose(text, options = {}) {
      const catalog = deps.catalog();
      return { diagnosis: diagnose(text, catalog, options), incident: (id) => catalog.byId.get(id) };
    },
    runbook: (query) => findRunbook(query, deps.catalog()),
    incident: (id) => deps.catalog().byId.get(id),
    clustersConfigured: () => Boolean(deps.clusters && deps.clusters.names().length > 0),
    clustersFor,
    async verify(incidentId, cluster, asker) {
      const target = readerFor(cluster, asker);
      if (!target.ok) {
        await audit(asker, cluster, incidentId, 'denied');
        return target;
      }
      const catalog = deps.catalog();
      const incident = catalog.byId.get(incidentId);
      if (!incident) return { ok: false, refusal: `unknown incident "${incidentId}": it is not in the knowledge base (any more)` };
      // an incident that names its distributions is checked against what the cluster is, in the
      // same budget as its checks
      // (both run at once, through one memoized reader: they list the same nodes and DaemonSets)
      const started = performance.now();
      const restricted = (incident.verification?.platforms ?? []).length > 0;
      const reader = restricted ? memoizedReader(target.value) : target.value;
      const [seen, checked] = await Promise.all([
        restricted ? recognised(reader, deps.budgetMs) : undefined,
        verifyIncident(incident, reader, {
          budgetMs: deps.budgetMs,
          context: { recognise: (text) => recogniseIncident(text, catalog, incident.id) },
        }),
      ]);
      const report = (seen && notApplicable(incident, target.value.cluster, seen, Math.round(performance.now() - started))) || checked;
      await audit(asker, cluster, incidentId, report.verdict, report.durationMs);
      return { ok: true, value: report };
    },
    async upgradeCheck(cluster, target, asker, onProgress) {
      const access = readerFor(cluster, asker);
      if (!access.ok) {
        await audit(asker, cluster, 'upgrade-check', 'denied');
        return access;
      }
      const started = performance.now();
      try {
        const report = await upgradeCheck(access.value, deps.catalog(), {
          ...(target ? { target } : {}),
          budgetMs: deps.budgetMs,
          ...(onProgress ? { onProgress } : {}),
        });
        const required = report.findings.filter((f) => f.priority === 'required').length;
        await audit(
          asker,
          cluster,
          `upgrade-check ${report.current} -> ${report.target}`,
          `${required} required`,
          Math.round(performance.now() - started),
        );
        return { ok: true, value: report };
      } catch (error) {
        // a bad version or an unreadable cluster is an answer for the user, not a crash
        if (error instanceof KubetriageError && error.code !== 'CLUSTER_UNREADABLE') return { ok: false, refusal: error.message };
        throw error;
      }
    },
    async scan(cluster, asker, onProgress) {
      const access = readerFor(cluster, asker);
      if (!access.ok) {
        await audit(asker, cluster, 'scan', 'denied');
        return access;
      }
      const report = await scanCluster(access.value, deps.catalog(), {
        budgetMs: Math.max(deps.budgetMs, SCAN_BUDGET_MS),
        ...(onProgress ? { onProgress } : {}),
      });
      await audit(asker, cluster, 'scan', `${report.findings.length} finding(s)${report.complete ? '' : ', partial'}`, report.durationMs);
      return { ok: true, value: report };
    },
    rbac: () => renderRbac(deps.catalog().incidents),
    async clusterHealth() {
      const access = deps.clusters;
      if (!access) return [];
      const rows = await Promise.all(
        access.names().map(async (name): Promise<ClusterHealth> => {
          const result = await access.reader(name)?.get<{ gitVersion?: string }>('/version');
          if (result?.ok) return { name, reachable: true, version: result.value.gitVersion ?? 'unknown' };
          return { name, reachable: false, reason: result && !result.ok ? `${result.failure}: ${result.message}` : 'unknown' };
        }),
      );
      return [
        ...rows,
        ...access.refusedContexts().map(({ name, reason }) => ({ name, reachable: false as const, refused: true as const, reason })),
      ];
    },
  };
}

/** What the cluster is, within the verification budget; unreadable means unknown (the checks then decide). */
async function recognised(reader: ClusterReader, budgetMs: number | undefined): Promise<{ name: string; evidence: string[] }> {
  try {
    const facts = await detectCluster(reader, AbortSignal.timeout(budgetMs ?? DEFAULT_BUDGET_MS));
    return { name: facts.distribution, evidence: facts.distributionEvidence };
  } catch {
    return { name: 'unknown', evidence: [] };
  }
}
