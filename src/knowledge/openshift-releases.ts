import { join } from 'node:path';
import { z } from 'zod';
import { loadDataFile } from './data-file.js';
import { OPENSHIFT_RELEASES_FILE } from './files.js';

const minor = (what: string) => z.string().regex(/^\d{1,2}\.\d{1,2}$/, `must be a ${what} minor version like "4.15"`);

const openshiftReleasesSchema = z.strictObject({
  source: z.url(),
  releases: z.array(z.strictObject({ openshift: minor('OpenShift'), kubernetes: minor('Kubernetes') })).min(1),
});

export { OPENSHIFT_RELEASES_FILE } from './files.js';

/** OpenShift minor → the Kubernetes minor it ships, from knowledge/openshift-releases.yaml. */
export type OpenshiftReleases = ReadonlyMap<string, string>;

export async function loadOpenshiftReleases(knowledgeDir: string): Promise<OpenshiftReleases> {
  const table = await loadDataFile(join(knowledgeDir, OPENSHIFT_RELEASES_FILE), openshiftReleasesSchema);
  return new Map(table.releases.map((r) => [r.openshift, r.kubernetes]));
}
