import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { z } from 'zod';
import { KnowledgeError } from '../errors.js';

const minor = z.string().regex(/^1\.\d{1,2}$/, 'must be a Kubernetes minor version like "1.25"');

const removal = z.strictObject({
  group: z.string().describe('API group; "" for the core group'),
  version: z.string(),
  kind: z.string(),
  resource: z.string().describe('plural resource name, as the apiserver_requested_deprecated_apis metric labels it'),
  removedIn: minor,
  replacement: z.string(),
  availableSince: minor.describe('the release the replacement was first served in'),
});

export const apiRemovalsSchema = z.strictObject({ source: z.url(), removals: z.array(removal).min(1) });

export type ApiRemoval = z.infer<typeof removal>;

export const API_REMOVALS_FILE = 'api-removals.yaml';

/** knowledge/api-removals.yaml, validated; a bad entry names the file and field. */
export async function loadApiRemovals(knowledgeDir: string): Promise<ApiRemoval[]> {
  const file = join(knowledgeDir, API_REMOVALS_FILE);
  let data: unknown;
  try {
    data = yaml.load(await readFile(file, 'utf8'));
  } catch (error) {
    throw new KnowledgeError([{ file, field: '-', message: (error as Error).message.split('\n')[0] ?? 'unreadable' }]);
  }
  const parsed = apiRemovalsSchema.safeParse(data);
  if (!parsed.success) {
    throw new KnowledgeError(parsed.error.issues.map((i) => ({ file, field: i.path.map(String).join('.') || '-', message: i.message })));
  }
  return parsed.data.removals;
}

const minorOf = (v: string) => Number(v.split('.')[1]);

/** Removals that bite when going from `current` to `target` (both "1.x"): removed after current, at or before target. */
export function removalsBetween(removals: ApiRemoval[], current: string, target: string): ApiRemoval[] {
  return removals.filter((r) => minorOf(r.removedIn) > minorOf(current) && minorOf(r.removedIn) <= minorOf(target));
}
