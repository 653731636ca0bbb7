import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { KnowledgeError, type KnowledgeProblem } from '../errors.js';
import { API_REMOVALS_FILE, type ApiRemoval, loadApiRemovals } from './api-removals.js';
import { parseYamlFile } from './data-file.js';
import { INCIDENTS_FOLDER, incidentFileNames } from './files.js';
import { loadOpenshiftReleases, OPENSHIFT_RELEASES_FILE, type OpenshiftReleases } from './openshift-releases.js';
import { type Incident, incidentSchema } from './schema.js';

export interface LoadedFile {
  file: string;
  incident: Incident;
  /** the knowledge folder it came from (layers.ts): the base, or a team's folder above it */
  layer?: string;
}

/**
 * A knowledge folder read and validated as data: every incident file against the one schema (id =
 * file name), and the upgrade tables. Nothing is compiled here; the engines build their own
 * structures from this (src/diagnose/matcher.ts, src/triage/catalog.ts).
 */
export interface LoadedKnowledge {
  /** the base folder */
  dir: string;
  /** every folder, base first (one entry without team folders) */
  dirs?: string[];
  files: LoadedFile[];
  removals: ApiRemoval[];
  openshiftReleases: OpenshiftReleases;
  /** problems found so far (each names file and field); the catalog adds its own and throws */
  problems: KnowledgeProblem[];
}

/** Reads every file of the folder; problems are collected, not thrown, so one report names them all. */
export async function readKnowledge(dir: string): Promise<LoadedKnowledge> {
  const { files, problems } = await readIncidentFiles(dir);
  const removals = await tableOrProblem(join(dir, API_REMOVALS_FILE), () => loadApiRemovals(dir), [], problems);
  const openshiftReleases = await tableOrProblem(join(dir, OPENSHIFT_RELEASES_FILE), () => loadOpenshiftReleases(dir), new Map(), problems);
  return { dir, files, removals, openshiftReleases, problems };
}

/** The upgrade tables are optional in a team folder, and validated whenever they are there. */
async function tableOrProblem<T>(file: string, load: () => Promise<T>, absent: T, problems: KnowledgeProblem[]): Promise<T> {
  if (!existsSync(file)) return absent;
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    problems.push(...error.problems);
    return absent;
  }
}

export async function readIncidentFiles(dir: string): Promise<{ files: LoadedFile[]; problems: KnowledgeProblem[] }> {
  const incidentsDir = join(dir, INCIDENTS_FOLDER);
  let names: string[];
  try {
    names = incidentFileNames(dir);
  } catch (error) {
    throw new KnowledgeError([{ file: incidentsDir, field: '-', message: `cannot read the folder (${(error as Error).message})` }]);
  }
  const problems: KnowledgeProblem[] = [];
  const files: LoadedFile[] = [];
  const parsed = await Promise.all(names.map(async (name) => parseIncidentFile(join(incidentsDir, name))));
  for (const result of parsed) {
    if ('problems' in result) problems.push(...result.problems);
    else files.push(result);
  }
  if (names.length === 0) problems.push({ file: incidentsDir, field: '-', message: 'no incident files (*.yaml) found' });
  return { files, problems };
}

async function parseIncidentFile(file: string): Promise<LoadedFile | { problems: KnowledgeProblem[] }> {
  const parsed = await parseYamlFile(file, incidentSchema);
  if (!parsed.ok) return { problems: parsed.problems };
  const expectedId = basename(file).replace(/\.ya?ml$/, '');
  if (parsed.value.id !== expectedId) {
    return { problems: [{ file, field: 'id', message: `"${parsed.value.id}" must equal the file name "${expectedId}"` }] };
  }
  return { file, incident: parsed.value };
}
