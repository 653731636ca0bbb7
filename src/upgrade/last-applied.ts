import type { ReadDeclaration } from '../checks/check.js';
import { asList } from '../cluster/api-shapes.js';
import type { ObjectMeta } from '../cluster/objects.js';
import type { ClusterReader } from '../cluster/reader.js';
import type { ApiUse } from './removed-api-findings.js';

/**
 * Kinds whose removed versions objects are commonly still applied with, listed through the
 * version that replaced them; the last-applied-configuration annotation (kubectl apply) keeps
 * the apiVersion the manifest was written in.
 */
const SCANNED: Array<{ path: string; apiGroup: string; resource: string }> = [
  { path: '/apis/apps/v1/deployments', apiGroup: 'apps', resource: 'deployments' },
  { path: '/apis/apps/v1/daemonsets', apiGroup: 'apps', resource: 'daemonsets' },
  { path: '/apis/apps/v1/statefulsets', apiGroup: 'apps', resource: 'statefulsets' },
  { path: '/apis/networking.k8s.io/v1/ingresses', apiGroup: 'networking.k8s.io', resource: 'ingresses' },
  { path: '/apis/batch/v1/cronjobs', apiGroup: 'batch', resource: 'cronjobs' },
  { path: '/apis/policy/v1/poddisruptionbudgets', apiGroup: 'policy', resource: 'poddisruptionbudgets' },
  { path: '/apis/autoscaling/v2/horizontalpodautoscalers', apiGroup: 'autoscaling', resource: 'horizontalpodautoscalers' },
];

export const LAST_APPLIED_READS: ReadDeclaration[] = SCANNED.map(({ apiGroup, resource }) => ({ apiGroup, resource, verb: 'list' }));

const ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Objects whose last kubectl apply used some API version; the caller keeps the removed ones. */
export async function lastAppliedUses(reader: ClusterReader, signal?: AbortSignal): Promise<{ uses: ApiUse[]; gaps: string[] }> {
  const uses: ApiUse[] = [];
  const gaps: string[] = [];
  await Promise.all(
    SCANNED.map(async ({ path, resource }) => {
      const result = await reader.get<unknown>(path, signal);
      if (!result.ok) {
        // an older cluster does not serve the newer version yet: nothing to scan there
        if (result.failure !== 'not-found') gaps.push(`${resource}: ${result.failure}`);
        return;
      }
      const items = asList<{ metadata: ObjectMeta }>(result.value);
      if (!items.ok) {
        gaps.push(`${resource}: malformed (${items.why})`);
        return;
      }
      for (const item of items.value) {
        const applied = item.metadata.annotations?.[ANNOTATION];
        const apiVersion = applied ? readApiVersion(applied) : undefined;
        if (!apiVersion) continue;
        const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
        uses.push({
          group: group ?? '',
          version: version ?? '',
          resource,
          observations: `${item.metadata.namespace ? `${item.metadata.namespace}/` : ''}${resource}/${item.metadata.name} was last applied as ${apiVersion}`,
        });
      }
    }),
  );
  return { uses, gaps };
}

function readApiVersion(applied: string): string | undefined {
  try {
    const parsed = JSON.parse(applied) as { apiVersion?: unknown };
    return typeof parsed.apiVersion === 'string' ? parsed.apiVersion : undefined;
  } catch {
    return undefined; // a hand-edited annotation that is not JSON says nothing about the version
  }
}
