import type { AnyCheck } from '../checks/check.js';
import { CHECKS } from '../checks/index.js';
import { compileMatcher, type Matcher } from '../diagnose/matcher.js';
import { KnowledgeError, type KnowledgeProblem } from '../errors.js';
import { API_REMOVALS_FILE, type ApiRemoval } from '../knowledge/api-removals.js';
import { readLayers } from '../knowledge/layers.js';
import { type LoadedKnowledge, readKnowledge } from '../knowledge/load.js';
import type { OpenshiftReleases } from '../knowledge/openshift-releases.js';
import type { Incident } from '../knowledge/schema.js';

/**
 * One validated, compiled snapshot of a knowledge folder: what every use case reads. A reload
 * builds a new one and swaps it whole (CatalogHolder), so an answer never mixes two snapshots.
 */
export interface Catalog extends Matcher {
  /** the base folder */
  dir: string;
  /** every folder, base first, then the team folders loaded on top */
  dirs: string[];
  /** the folder each incident came from, for `kb list` */
  layers: ReadonlyMap<string, string>;
  incidents: Incident[];
  byId: ReadonlyMap<string, Incident>;
  /** the file each incident came from, for messages */
  files: ReadonlyMap<string, string>;
  removals: ApiRemoval[];
  openshiftReleases: OpenshiftReleases;
}

/** The cross-checks no single file can make (duplicate ids, check ids and their parameters), then the matcher. */
export function buildCatalog(loaded: LoadedKnowledge, checks: ReadonlyMap<string, AnyCheck> = CHECKS): Catalog {
  const problems: KnowledgeProblem[] = [...loaded.problems];
  const byId = new Map<string, Incident>();
  const files = new Map<string, string>();
  for (const { file, incident } of loaded.files) {
    const previous = files.get(incident.id);
    if (previous) problems.push({ file, field: 'id', message: `duplicate id "${incident.id}" (also in ${previous})` });
    byId.set(incident.id, incident);
    files.set(incident.id, file);
    problems.push(...checkStepProblems(file, incident, checks));
  }
  // data that names an incident must name one that exists: a renamed file would break a button silently
  for (const removal of loaded.removals)
    if (!byId.has(removal.runbook))
      problems.push({
        file: `${loaded.dir}/${API_REMOVALS_FILE}`,
        field: `${removal.group}/${removal.version}/${removal.resource}.runbook`,
        message: `unknown incident "${removal.runbook}"`,
      });
  let matcher: Matcher | undefined;
  try {
    matcher = compileMatcher(loaded.files);
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || !matcher) throw new KnowledgeError(problems);
  return {
    ...matcher,
    dir: loaded.dir,
    dirs: loaded.dirs ?? [loaded.dir],
    layers: new Map(loaded.files.map((f) => [f.incident.id, f.layer ?? loaded.dir])),
    incidents: loaded.files.map((f) => f.incident),
    byId,
    files,
    removals: loaded.removals,
    openshiftReleases: loaded.openshiftReleases,
  };
}

/** Every check an entry names exists, and its parameters pass that check's own schema. */
function checkStepProblems(file: string, incident: Incident, checks: ReadonlyMap<string, AnyCheck>): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  const steps = [
    ...(incident.verification?.checks ?? []).map((step, i) => ({ step, field: `verification.checks.${i}` })),
    ...(incident.upgradeRisk?.checks ?? []).map((step, i) => ({ step, field: `upgradeRisk.checks.${i}` })),
  ];
  for (const { step, field } of steps) {
    const check = checks.get(step.check);
    if (!check) {
      problems.push({ file, field: `${field}.check`, message: `unknown check "${step.check}" (known: ${[...checks.keys()].join(', ')})` });
      continue;
    }
    const params = check.params.safeParse(step.params);
    if (!params.success) {
      for (const issue of params.error.issues)
        problems.push({ file, field: [`${field}.params`, ...issue.path.map(String)].join('.'), message: issue.message });
      continue;
    }
    // the live checks name the entry's own signatures: a renamed signature must not silently match nothing
    const own = new Set(incident.signatures.map((s) => s.id));
    const named = (params.data as { signatures?: unknown }).signatures;
    if (Array.isArray(named))
      named.forEach((id, i) => {
        if (!own.has(String(id)))
          problems.push({ file, field: `${field}.params.signatures.${i}`, message: `"${id}" is not a signature of ${incident.id}` });
      });
  }
  return problems;
}

/**
 * Reads, validates and compiles a knowledge folder, or several in layers (base first, then team
 * folders on top); throws KnowledgeError naming each file and field.
 */
export async function loadCatalog(dirs: string | readonly string[]): Promise<Catalog> {
  const layers = typeof dirs === 'string' ? [dirs] : dirs;
  return buildCatalog(layers.length === 1 ? await readKnowledge(layers[0] as string) : await readLayers(layers));
}
