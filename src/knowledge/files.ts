import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The files a knowledge folder consists of. Kept apart from the loaders (which bring YAML and zod)
 * so the snapshot's content key can list them without loading either.
 */
export const INCIDENTS_FOLDER = 'incidents';
export const API_REMOVALS_FILE = 'api-removals.yaml';
export const OPENSHIFT_RELEASES_FILE = 'openshift-releases.yaml';

/**
 * The incident files of a folder, sorted; throws what readdir throws. Synchronous: a one-paste run
 * lists the folder before anything else touches the disk, and the first promise-based file call of
 * a process costs about a millisecond of setting up.
 */
export function incidentFileNames(dir: string): string[] {
  return readdirSync(join(dir, INCIDENTS_FOLDER))
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort();
}

/**
 * Writes a cache file (a knowledge snapshot, a stat memo, lint verdicts) so that a reader sees the
 * old file or the new one, never half of one. A folder that cannot be written is not an error: it
 * only costs the next run the work again, so this returns false instead of throwing. Synchronous
 * calls: these files are small or written once per build, and fs/promises (with the stream and
 * readline modules it loads) would cost every one-paste run two milliseconds to set up.
 */
export async function writeCacheFile(file: string, content: string | Buffer): Promise<boolean> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, content);
    renameSync(temporary, file);
    return true;
  } catch {
    // the folder may not even exist (a path under a file, a read-only image): nothing to clean up then
    try {
      rmSync(temporary, { force: true });
    } catch {
      // nothing to clean up
    }
    return false;
  }
}
