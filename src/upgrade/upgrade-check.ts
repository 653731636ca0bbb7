import semver from 'semver';
import type { Observation } from '../checks/check.js';
import { runVerification } from '../checks/verify.js';
import { memoizedReader } from '../cluster/memoized-reader.js';
import type { ClusterReader } from '../cluster/reader.js';
import { KubetriageError } from '../errors.js';
import type { ApiRemoval } from '../knowledge/api-removals.js';
import type { OpenshiftReleases } from '../knowledge/openshift-releases.js';
import type { FixStep, Incident } from '../knowledge/schema.js';
import { parseDeprecatedApiMetric } from './deprecated-api-metric.js';
import { type ClusterFacts, type Distribution, detectCluster, kubernetesVersion } from './detect.js';
import { lastAppliedUses } from './last-applied.js';
import { type ApiUse, removedApiFindings, usesFromMetric } from './removed-api-findings.js';
import { skewFindings } from './skew.js';

export type Priority = 'required' | 'recommended';

export interface UpgradeFinding {
  id: string;
  priority: Priority;
  title: string;
  /** what was seen on the cluster (observations) or said about it (sentences) */
  observations: Array<Observation | string>;
  fix?: string;
  /** the ordered phases of this upgrade path, the one to do now first */
  phases?: Array<{ title: string; steps: FixStep[] }>;
  /** the knowledge entry whose runbook explains it */
  runbook?: string;
}

export interface UpgradeReport {
  cluster: string;
  current: string;
  target: string;
  /** the minor versions the control plane goes through, one at a time */
  minorHops: string[];
  distribution: Distribution;
  distributionEvidence: string[];
  components: ClusterFacts['components'];
  findings: UpgradeFinding[];
  /** what this report could not see, said plainly */
  coverage: string[];
  summary: string;
}

export function resolveTarget(
  current: string,
  requested: string | undefined,
  distribution: Distribution,
  openshiftReleases: OpenshiftReleases,
): { target: string; minorHops: string[] } {
  const currentVersion = semver.coerce(current);
  if (!currentVersion) throw new KubetriageError('BAD_VERSION', `cannot read the cluster's version (${current})`);
  let wanted = requested ?? `${currentVersion.major}.${currentVersion.minor + 1}`;
  if (distribution === 'okd' && /^4\.\d+/.test(wanted)) {
    const mapped = openshiftReleases.get(wanted.split('.').slice(0, 2).join('.'));
    if (!mapped) throw new KubetriageError('BAD_VERSION', `unknown OKD release ${wanted}; give the Kubernetes version instead`);
    wanted = mapped;
  }
  const target = semver.coerce(wanted);
  if (!target || !/^v?\d+\.\d+(\.\d+)?$/.test(wanted)) throw new KubetriageError('BAD_VERSION', `"${wanted}" is not a version like 1.29`);
  if (target.major !== currentVersion.major || target.minor < currentVersion.minor) {
    throw new KubetriageError('BAD_VERSION', `target ${wanted} is older than the cluster (${current}); kubetriage checks upgrades only`);
  }
  const minorHops: string[] = [];
  for (let minor = currentVersion.minor + 1; minor <= target.minor; minor++) minorHops.push(`${target.major}.${minor}`);
  return { target: `${target.major}.${target.minor}`, minorHops };
}

export interface UpgradeCheckOptions {
  target?: string;
  budgetMs?: number;
  /** called as each phase starts, for progress lines on a terminal */
  onProgress?: (phase: string) => void;
}

/** What the report reads from the knowledge base, loaded and validated at start-up. */
export interface UpgradeKnowledge {
  incidents: Incident[];
  removals: ApiRemoval[];
  openshiftReleases: OpenshiftReleases;
}

/** What will break if this cluster goes to the target: known incidents, removed APIs, version skew. */
export async function upgradeCheck(
  cluster: ClusterReader,
  knowledge: UpgradeKnowledge,
  options: UpgradeCheckOptions = {},
): Promise<UpgradeReport> {
  const { incidents, removals } = knowledge;
  const reader = memoizedReader(cluster);
  options.onProgress?.('detecting the distribution, add-ons and node versions');
  const facts = await detectCluster(reader);
  const current = kubernetesVersion(facts.serverVersion);
  if (!current)
    throw new KubetriageError('CLUSTER_UNREADABLE', `cannot read the cluster's version: ${facts.gaps.join('; ') || 'no answer'}`);
  const currentMinor = `${semver.major(current)}.${semver.minor(current)}`;
  const { target, minorHops } = resolveTarget(current, options.target, facts.distribution, knowledge.openshiftReleases);
  const coverage = [...facts.gaps];
  if (minorHops.length > 1)
    coverage.push(`the control plane upgrades one minor at a time: ${[currentMinor, ...minorHops].join(' → ')}; every step was checked`);
  if (minorHops.length === 0) coverage.push(`the cluster already runs ${target}`);
  if (facts.distribution === 'unknown')
    coverage.push('the distribution could not be recognised; only the generic findings (removed APIs, version skew, add-ons) apply');

  options.onProgress?.('checking known incidents that bite on this upgrade');
  const findings: UpgradeFinding[] = [
    ...(await knownIncidentFindings(reader, incidents, facts.distribution, current, minorHops, options.budgetMs)),
  ];

  options.onProgress?.('reading deprecated API use: API server metrics and last-applied manifests');
  const uses: ApiUse[] = [];
  const metrics = await reader.getText('/metrics');
  if (metrics.ok) {
    uses.push(...usesFromMetric(parseDeprecatedApiMetric(metrics.value)));
    coverage.push(
      'apiserver_requested_deprecated_apis is per API server and resets on restart: an empty answer from a freshly restarted one proves little',
    );
  } else {
    coverage.push(`deprecated API requests not read: /metrics ${metrics.failure} (${metrics.message})`);
  }
  const applied = await lastAppliedUses(reader);
  uses.push(...applied.uses);
  for (const gap of applied.gaps) coverage.push(`last-applied manifests not read for ${gap}`);
  coverage.push('Helm release Secrets are never read (no Secrets, by policy): Helm-managed objects are covered only through the metric');
  findings.push(...removedApiFindings(uses, removals, currentMinor, target));
  coverage.push('add-on compatibility with the target (CNI, CoreDNS versions) is not checked: kubetriage has no data table for it yet');

  options.onProgress?.('checking version skew');
  for (const f of skewFindings(target, facts.nodes, facts.components)) findings.push(f);

  findings.sort((a, b) => (a.priority === b.priority ? a.id.localeCompare(b.id) : a.priority === 'required' ? -1 : 1));
  const required = findings.filter((f) => f.priority === 'required').length;
  const summary = `${reader.cluster} ${current} → ${target} · ${facts.distribution} · ${required} required, ${findings.length - required} recommended`;
  return {
    cluster: reader.cluster,
    current,
    target,
    minorHops,
    distribution: facts.distribution,
    distributionEvidence: facts.distributionEvidence,
    components: facts.components,
    findings,
    coverage,
    summary,
  };
}

async function knownIncidentFindings(
  reader: ClusterReader,
  incidents: Incident[],
  distribution: Distribution,
  current: string,
  minorHops: string[],
  budgetMs: number | undefined,
): Promise<UpgradeFinding[]> {
  const candidates = incidents.filter((incident) => {
    const risk = incident.upgradeRisk;
    if (!risk || (risk.platforms.length > 0 && !risk.platforms.includes(distribution))) return false;
    let from = current;
    return minorHops.some((step) => {
      const bites = semver.satisfies(from, risk.from) && semver.satisfies(`${step}.0`, risk.to);
      from = `${step}.0`;
      return bites;
    });
  });
  const results = await Promise.all(
    candidates.map(async (incident) => ({
      incident,
      result: await runVerification(incident.upgradeRisk?.checks ?? [], reader, budgetMs ? { budgetMs } : {}),
    })),
  );
  return results.flatMap(({ incident, result }): UpgradeFinding[] => {
    const observations = result.checks.flatMap((c) => c.observations).slice(0, 6);
    if (result.verdict === 'confirmed') {
      // Before an upgrade the first phase of the path is what to do now; without phases, the lasting
      // fix (the immediate steps are for after it broke).
      const phases = incident.upgradeRisk?.phases ?? [];
      const fix = phases[0]
        ? `now, phase 1 of ${phases.length}: ${phases[0].title}`
        : (incident.fix.lasting[0] ?? incident.fix.immediate[0])?.step;
      const why = incident.upgradeRisk?.note;
      return [
        {
          id: incident.id,
          priority: 'required',
          title: incident.title,
          observations: why ? [why, ...observations] : observations,
          ...(fix ? { fix } : {}),
          ...(phases.length > 0 ? { phases } : {}),
          runbook: incident.id,
        },
      ];
    }
    if (result.verdict === 'inconclusive') {
      return [
        {
          id: incident.id,
          priority: 'recommended',
          title: `Could not rule out: ${incident.title}`,
          observations: [...observations, ...result.reasons],
          runbook: incident.id,
        },
      ];
    }
    return [];
  });
}
