import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.js';
import { incidentJsonSchema } from '../../src/knowledge/json-schema.js';

describe('knowledge/incident.schema.json', () => {
  it('is up to date with the zod schema (run `npm run schema` after changing it)', async () => {
    const committed = await readFile(join(BUNDLED_KNOWLEDGE_DIR, 'incident.schema.json'), 'utf8');
    expect(committed).toBe(incidentJsonSchema());
  });
});
