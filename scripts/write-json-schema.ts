import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUNDLED_KNOWLEDGE_DIR } from '../src/knowledge/default-dir.js';
import { incidentJsonSchema } from '../src/knowledge/json-schema.js';

const target = join(BUNDLED_KNOWLEDGE_DIR, 'incident.schema.json');
await writeFile(target, incidentJsonSchema());
console.log(`wrote ${target}`);
