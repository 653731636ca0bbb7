import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import yaml from 'js-yaml';
import type { ZodError } from 'zod';
import { CHECKS } from '../checks/index.js';
import { buildRunbookIndex, type RunbookIndex } from '../diagnose/runbook.js';
import { buildSignatureIndex, type IndexInput, type SignatureIndex } from '../diagnose/signature-index.js';
import { KnowledgeError, type KnowledgeProblem } from '../errors.js';
import { requiredLiterals } from './pattern-literals.js';
import { regexShapeProblem } from './regex-shape.js';
import { type Incident, incidentSchema } from './schema.js';

/** A literal shorter than this would flag too many lines to be a useful pre-filter. */
export const MIN_LITERAL_CHARS = 4;

export interface KnowledgeBase {
  dir: string;
  incidents: Incident[];
  byId: Map<string, Incident>;
  index: SignatureIndex;
  runbook: RunbookIndex;
  /** the file each incident came from, for messages */
  files: Map<string, string>;
}

export interface LoadedFile {
  file: string;
  incident: Incident;
}

/** Reads and validates every incident file; throws KnowledgeError naming each file and field. */
export async function loadKnowledge(dir: string): Promise<KnowledgeBase> {
  const { files, problems } = await readIncidentFiles(dir);
  return compileKnowledge(dir, files, problems);
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

/** Cross-file checks and regex compilation; pure over the parsed files. */
export function compileKnowledge(dir: string, files: LoadedFile[], earlier: KnowledgeProblem[] = []): KnowledgeBase {
  const problems = [...earlier];
  const byId = new Map<string, Incident>();
  const fileOf = new Map<string, string>();
  for (const { file, incident } of files) {
    const previous = fileOf.get(incident.id);
    if (previous) problems.push({ file, field: 'id', message: `duplicate id "${incident.id}" (also in ${previous})` });
    byId.set(incident.id, incident);
    fileOf.set(incident.id, file);
  }
  const inputs: IndexInput[] = [];
  for (const { file, incident } of files) {
    const steps = [
      ...(incident.verification?.checks ?? []).map((step, i) => ({ step, field: `verification.checks.${i}` })),
      ...(incident.upgradeRisk?.checks ?? []).map((step, i) => ({ step, field: `upgradeRisk.checks.${i}` })),
    ];
    steps.forEach(({ step, field }) => {
      const check = CHECKS.get(step.check);
      if (!check)
        problems.push({
          file,
          field: `${field}.check`,
          message: `unknown check "${step.check}" (known: ${[...CHECKS.keys()].join(', ')})`,
        });
      else {
        const params = check.params.safeParse(step.params);
        if (!params.success)
          for (const issue of params.error.issues)
            problems.push({ file, field: [`${field}.params`, ...issue.path.map(String)].join('.'), message: issue.message });
      }
    });
    const seen = new Set<string>();
    incident.signatures.forEach((signature, i) => {
      const field = `signatures.${i}`;
      if (seen.has(signature.id)) problems.push({ file, field: `${field}.id`, message: `duplicate signature id "${signature.id}"` });
      seen.add(signature.id);
      const compiled = compileSignature(file, field, incident, signature, problems);
      if (compiled) inputs.push(compiled);
    });
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  const incidents = files.map((f) => f.incident);
  return { dir, incidents, byId, index: buildSignatureIndex(inputs, incidents), runbook: buildRunbookIndex(incidents), files: fileOf };
}

function compileSignature(
  file: string,
  field: string,
  incident: Incident,
  signature: Incident['signatures'][number],
  problems: KnowledgeProblem[],
): IndexInput | undefined {
  const compile = (source: string, at: string): RegExp | undefined => {
    let regex: RegExp;
    try {
      regex = new RegExp(source, 'i');
    } catch (error) {
      problems.push({ file, field: at, message: `regex does not compile: ${(error as Error).message}` });
      return undefined;
    }
    // every load, not only kb lint: a folder from a team's repository must not stall every diagnosis
    const shape = regexShapeProblem(source);
    if (shape) problems.push({ file, field: at, message: shape });
    return shape ? undefined : regex;
  };
  const regex = compile(signature.pattern, `${field}.pattern`);
  const requires = (signature.requires ?? []).map((source, i) => compile(source, `${field}.requires.${i}`));
  const excludes = (signature.excludes ?? []).map((source, i) => compile(source, `${field}.excludes.${i}`));
  if (!regex) return undefined;
  const literals = requiredLiterals(signature.pattern);
  const shortest = Math.min(...literals.map((l) => l.trim().length));
  if (literals.length === 0 || shortest < MIN_LITERAL_CHARS) {
    problems.push({
      file,
      field: `${field}.pattern`,
      message: `needs a literal run of at least ${MIN_LITERAL_CHARS} characters in every alternative (found ${JSON.stringify(literals)})`,
    });
    return undefined;
  }
  if (requires.includes(undefined) || excludes.includes(undefined)) return undefined;
  return {
    signature: { incident, signature, regex, requires: requires as RegExp[], excludes: excludes as RegExp[] },
    literals,
  };
}
