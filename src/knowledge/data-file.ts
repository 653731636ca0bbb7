import { readFile } from 'node:fs/promises';
import yaml from 'js-yaml';
import type { z } from 'zod';
import { KnowledgeError } from '../errors.js';

/** A YAML table of the knowledge folder, validated; a bad entry names the file and field. */
export async function loadDataFile<T>(file: string, schema: z.ZodType<T>): Promise<T> {
  let data: unknown;
  try {
    data = yaml.load(await readFile(file, 'utf8'), { filename: file });
  } catch (error) {
    throw new KnowledgeError([{ file, field: '-', message: (error as Error).message.split('\n')[0] ?? 'unreadable' }]);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new KnowledgeError(parsed.error.issues.map((i) => ({ file, field: i.path.map(String).join('.') || '-', message: i.message })));
  }
  return parsed.data;
}
