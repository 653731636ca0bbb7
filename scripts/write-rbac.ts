/**
 * npm run rbac: regenerates the read-only RBAC from the checks' declared reads, as one stream
 * (deploy/rbac.yaml) and laid out for kustomize (deploy/base/rbac.yaml, deploy/components/*).
 * test/triage/rbac.test.ts fails when a committed file differs from what this writes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_KNOWLEDGE_DIR } from '../src/knowledge/default-dir.js';
import { loadCatalog } from '../src/triage/catalog.js';
import { rbacFiles, renderRbac } from '../src/triage/rbac.js';

const deploy = fileURLToPath(new URL('../deploy/', import.meta.url));
const { incidents } = await loadCatalog(BUNDLED_KNOWLEDGE_DIR);
const files = new Map([['rbac.yaml', renderRbac(incidents)], ...rbacFiles(incidents)]);
for (const [path, content] of files) {
  const target = join(deploy, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, content);
  console.log(`wrote ${target}`);
}
