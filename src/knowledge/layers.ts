import type { KnowledgeProblem } from '../errors.js';
import { type LoadedFile, type LoadedKnowledge, readKnowledge } from './load.js';

/**
 * Knowledge folders in layers: the first is the base (the bundled knowledge base, or the
 * folder that replaces it), each next one a team's own folder loaded on top. A team entry with a
 * new id adds an incident; one that reuses an id below it is refused, naming both files, unless
 * it says `replaces: <id>` — then it takes that entry's place. Every folder is read and validated
 * like the base; the merged set is compiled once, so references may cross layers.
 */
export async function readLayers(dirs: readonly string[]): Promise<LoadedKnowledge> {
  const [baseDir, ...teamDirs] = dirs;
  if (!baseDir) throw new Error('readLayers needs at least the base folder');
  const base = await readKnowledge(baseDir);
  const files: LoadedFile[] = base.files.map((f) => ({ ...f, layer: baseDir }));
  const problems: KnowledgeProblem[] = [...base.problems];
  const removals = [...base.removals];
  const openshiftReleases = new Map(base.openshiftReleases);
  for (const dir of teamDirs) {
    const team = await readKnowledge(dir);
    problems.push(...team.problems);
    removals.push(...team.removals);
    for (const [key, value] of team.openshiftReleases) openshiftReleases.set(key, value);
    for (const file of team.files) {
      const { incident } = file;
      const existing = files.findIndex((f) => f.incident.id === incident.id);
      const replaced = incident.replaces === undefined ? -1 : files.findIndex((f) => f.incident.id === incident.replaces);
      if (incident.replaces !== undefined && replaced === -1) {
        problems.push({
          file: file.file,
          field: 'replaces',
          message: `no entry "${incident.replaces}" in the folders below this one to replace`,
        });
        continue;
      }
      if (existing !== -1 && existing !== replaced) {
        const other = files[existing]?.file;
        problems.push({
          file: file.file,
          field: 'id',
          message: `"${incident.id}" is already an incident in ${other}; add "replaces: ${incident.id}" to take its place, or choose another id`,
        });
        continue;
      }
      if (replaced !== -1) files.splice(replaced, 1);
      files.push({ ...file, layer: dir });
    }
  }
  return { dir: baseDir, dirs: [...dirs], files, removals, openshiftReleases, problems };
}

/** The entries of the team folders (everything above the base), for lint and kb test of a team's own work. */
export function teamFiles(loaded: LoadedKnowledge): LoadedFile[] {
  return loaded.files.filter((f) => f.layer !== undefined && f.layer !== loaded.dir);
}
