import type { ApiRemoval } from '../knowledge/api-removals.js';
import type { DeprecatedApiRequest } from './deprecated-api-metric.js';

const minorOf = (v: string) => Number(v.split('.')[1]);

/** Removals that bite when going from `current` to `target` (both "1.x"): removed after current, at or before target. */
export function removalsBetween(removals: ApiRemoval[], current: string, target: string): ApiRemoval[] {
  return removals.filter((r) => minorOf(r.removedIn) > minorOf(current) && minorOf(r.removedIn) <= minorOf(target));
}

/** One sighting of an API version in use: a client request, or an object applied with it. */
export interface ApiUse {
  group: string;
  version: string;
  resource: string;
  observations: string;
}

export interface RemovedApiFinding {
  id: string;
  priority: 'required';
  title: string;
  observations: string[];
  fix: string;
  runbook: string;
}

export function usesFromMetric(requests: DeprecatedApiRequest[]): ApiUse[] {
  return requests.map((r) => ({
    group: r.group,
    version: r.version,
    resource: r.resource,
    observations: `${r.group || 'core'}/${r.version} ${r.resource} requested (apiserver_requested_deprecated_apis)`,
  }));
}

const MAX_OBSERVATIONS = 8;

/** API versions still in use that the target release no longer serves; one finding per API, every sighting an observation. */
export function removedApiFindings(uses: ApiUse[], removals: ApiRemoval[], current: string, target: string): RemovedApiFinding[] {
  const biting = removalsBetween(removals, current, target);
  const findings = new Map<string, RemovedApiFinding>();
  for (const use of uses) {
    const removal = biting.find((r) => r.group === use.group && r.version === use.version && r.resource === use.resource);
    if (!removal) continue;
    const gv = `${removal.group ? `${removal.group}/` : ''}${removal.version}`;
    const id = `removed-api:${gv}/${removal.resource}`;
    const existing = findings.get(id);
    if (existing) {
      if (existing.observations.length < MAX_OBSERVATIONS && !existing.observations.includes(use.observations))
        existing.observations.push(use.observations);
      continue;
    }
    findings.set(id, {
      id,
      priority: 'required',
      title: `${removal.kind} ${gv} is still in use and is removed in ${removal.removedIn}`,
      observations: [use.observations],
      fix: `Move manifests, charts and clients to ${removal.replacement} (served since ${removal.availableSince}) before upgrading.`,
      runbook: removal.runbook,
    });
  }
  return [...findings.values()];
}
