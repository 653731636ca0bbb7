import type { AnyCheck } from '../checks/check.js';
import { CHECKS } from '../checks/index.js';
import { type MatcherPlan, planMatcher } from '../diagnose/matcher-plan.js';
import { KnowledgeError, type KnowledgeProblem } from '../errors.js';
import { API_REMOVALS_FILE } from '../knowledge/files.js';
import { readLayers } from '../knowledge/layers.js';
import { type LoadedKnowledge, readKnowledge } from '../knowledge/load.js';
import type { Incident } from '../knowledge/schema.js';
import { assembleCatalog, type Catalog } from './catalog.js';

/**
 * The full path from YAML to catalog: every file read and validated (zod), the cross-checks no
 * single file can make (duplicate ids, check ids and their parameters), and the matcher planned.
 * A knowledge snapshot (knowledge-snapshot.ts) stores what this produces, so a CLI run with
 * unchanged knowledge skips all of it.
 */
export async function compileKnowledge(dirs: readonly string[]): Promise<{ loaded: LoadedKnowledge; plan: MatcherPlan }> {
  const loaded = dirs.length === 1 ? await readKnowledge(dirs[0] as string) : await readLayers(dirs);
  return { loaded, plan: validateKnowledge(loaded) };
}

/** The cross-checks and the matcher plan; throws KnowledgeError naming each file and field. */
export function validateKnowledge(loaded: LoadedKnowledge, checks: ReadonlyMap<string, AnyCheck> = CHECKS): MatcherPlan {
  const problems: KnowledgeProblem[] = [...loaded.problems];
  const files = new Map<string, string>();
  for (const { file, incident } of loaded.files) {
    const previous = files.get(incident.id);
    if (previous) problems.push({ file, field: 'id', message: `duplicate id "${incident.id}" (also in ${previous})` });
    files.set(incident.id, file);
    problems.push(...checkStepProblems(file, incident, checks));
  }
  // data that names an incident must name one that exists: a renamed file would break a button silently
  for (const removal of loaded.removals)
    if (!files.has(removal.runbook))
      problems.push({
        file: `${loaded.dir}/${API_REMOVALS_FILE}`,
        field: `${removal.group}/${removal.version}/${removal.resource}.runbook`,
        message: `unknown incident "${removal.runbook}"`,
      });
  let plan: MatcherPlan | undefined;
  try {
    plan = planMatcher(loaded.files);
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || !plan) throw new KnowledgeError(problems);
  return plan;
}

/** Validates and compiles already-read knowledge (kb lint reads it itself). */
export function buildCatalog(loaded: LoadedKnowledge, checks: ReadonlyMap<string, AnyCheck> = CHECKS): Catalog {
  return assembleCatalog(loaded, validateKnowledge(loaded, checks));
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
    const own = new Map(incident.signatures.map((s) => [s.id, s]));
    const named = (params.data as { signatures?: unknown }).signatures;
    if (Array.isArray(named)) {
      named.forEach((id, i) => {
        if (!own.has(String(id)))
          problems.push({ file, field: `${field}.params.signatures.${i}`, message: `"${id}" is not a signature of ${incident.id}` });
      });
      // live text counts only where it would be a match on its own (recogniseIncident): a check naming only
      // supporting signatures finds evidence only when some other signature fires too, and so almost never
      if (named.length > 0 && named.every((id) => own.get(String(id))?.strength === 'supporting'))
        problems.push({
          file,
          field: `${field}.params.signatures`,
          message: 'names only supporting signatures, which never make a line a match on their own: name a decisive or strong one',
        });
    }
  }
  return problems;
}
