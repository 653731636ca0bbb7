import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import yaml from 'js-yaml';
import type { ZodError } from 'zod';
import { KnowledgeError, type KnowledgeProblem } from '../errors.js';
import { API_REMOVALS_FILE, type ApiRemoval, loadApiRemovals } from './api-removals.js';
import { loadOpenshiftReleases, OPENSHIFT_RELEASES_FILE, type OpenshiftReleases } from './openshift-releases.js';
import { type Incident, incidentSchema } from './schema.js';

export interface LoadedFile {
  file: string;
  incident: Incident;
}

/**
 * A knowledge folder read and validated as data: every incident file against the one schema (id =
 * file name), and the upgrade tables. Nothing is compiled here; the engines build their own
 * structures from this (src/diagnose/matcher.ts, src/triage/catalog.ts).
 */
export interface LoadedKnowledge {
  dir: string;
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
  const incidentsDir = join(dir, 'incidents');
  let names: string[];
  try {
    names = (await readdir(incidentsDir)).filter((name) => name.endsWith('.yaml') || name.endsWith('.yml')).sort();
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
  let data: unknown;
  try {
    // js-yaml: about 10x faster than the yaml package on our files, which keeps start-up under a second at 1,000 incidents.
    data = yaml.load(await readFile(file, 'utf8'), { filename: file });
  } catch (error) {
    const where = error instanceof yaml.YAMLException ? `line ${error.mark.line + 1}` : '-';
    const reason = error instanceof yaml.YAMLException ? error.reason : (error as Error).message;
    return { problems: [{ file, field: where, message: `not valid YAML: ${reason}` }] };
  }
  const result = incidentSchema.safeParse(data);
  if (!result.success) return { problems: zodProblems(file, result.error) };
  const expectedId = basename(file).replace(/\.ya?ml$/, '');
  if (result.data.id !== expectedId) {
    return { problems: [{ file, field: 'id', message: `"${result.data.id}" must equal the file name "${expectedId}"` }] };
  }
  return { file, incident: result.data };
}

function zodProblems(file: string, error: ZodError): KnowledgeProblem[] {
  return error.issues.map((issue) => ({
    file,
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : '-',
    message: issue.message,
  }));
}
