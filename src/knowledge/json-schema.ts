import { z } from 'zod';
import { incidentSchema } from './schema.js';

/** The JSON Schema editors use to validate knowledge files, generated from the zod schema. */
export function incidentJsonSchema(): string {
  const schema = z.toJSONSchema(incidentSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'kubetriage incident' }, null, 2)}\n`;
}
