import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The files a knowledge folder consists of. Kept apart from the loaders (which bring YAML and zod)
 * so the snapshot's content key can list them without loading either.
 */
export const INCIDENTS_FOLDER = 'incidents';
export const API_REMOVALS_FILE = 'api-removals.yaml';
export const OPENSHIFT_RELEASES_FILE = 'openshift-releases.yaml';

/** The incident files of a folder, sorted; throws what readdir throws. */
export async function incidentFileNames(dir: string): Promise<string[]> {
  return (await readdir(join(dir, INCIDENTS_FOLDER))).filter((name) => name.endsWith('.yaml') || name.endsWith('.yml')).sort();
}
