import { type ApiRemoval, removalsBetween } from './api-removals.js';
import type { DeprecatedApiRequest } from './deprecated-api-metric.js';

export interface RemovedApiFinding {
  id: string;
  severity: 'required';
  title: string;
  evidence: { source: 'apiserver_requested_deprecated_apis'; group: string; version: string; resource: string };
  fix: string;
}

/**
 * A deprecated API that clients still requested and that the target release no longer serves.
 * Coverage is what the metric saw: one API server, since its last restart.
 */
export function removedApiFindings(
  requests: DeprecatedApiRequest[],
  removals: ApiRemoval[],
  current: string,
  target: string,
): RemovedApiFinding[] {
  const biting = removalsBetween(removals, current, target);
  const findings = new Map<string, RemovedApiFinding>();
  for (const request of requests) {
    const removal = biting.find((r) => r.group === request.group && r.version === request.version && r.resource === request.resource);
    if (!removal) continue;
    const gv = `${removal.group ? `${removal.group}/` : ''}${removal.version}`;
    findings.set(`${gv}/${removal.resource}`, {
      id: `removed-api:${gv}/${removal.resource}`,
      severity: 'required',
      title: `${removal.kind} ${gv} is still requested and is removed in ${removal.removedIn}`,
      evidence: {
        source: 'apiserver_requested_deprecated_apis',
        group: request.group,
        version: request.version,
        resource: request.resource,
      },
      fix: `Move manifests, charts and clients to ${removal.replacement} (served since ${removal.availableSince}) before upgrading.`,
    });
  }
  return [...findings.values()];
}
