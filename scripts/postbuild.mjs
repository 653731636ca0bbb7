// After tsc: makes the CLI executable, stamps the build (build-id.txt: a hash of the compiled
// code, part of every knowledge snapshot's key) and writes the bundled knowledge's snapshot, so
// an installed kubetriage answers its first paste without parsing YAML (issue #18).
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
chmodSync(join(dist, 'cli/bin.js'), 0o755);

const hash = createHash('sha256');
for (const file of readdirSync(dist, { recursive: true })
  .filter((f) => f.endsWith('.js'))
  .sort()) {
  hash.update(`${file}\0`).update(readFileSync(join(dist, file)));
}
writeFileSync(join(dist, 'build-id.txt'), `${hash.digest('hex')}\n`);

const { compileCatalog } = await import(join(dist, 'triage/catalog.js'));
const { BUNDLED_SNAPSHOT_FILE, contentKey, defaultSnapshotOptions, writeSnapshotFile } = await import(
  join(dist, 'triage/knowledge-snapshot.js')
);
const { BUNDLED_KNOWLEDGE_DIR } = await import(join(dist, 'knowledge/default-dir.js'));
const options = await defaultSnapshotOptions({});
const dirs = [BUNDLED_KNOWLEDGE_DIR];
const key = await contentKey(dirs, options.codeId);
const { knowledge } = await compileCatalog(dirs);
if (!(await writeSnapshotFile(BUNDLED_SNAPSHOT_FILE, dirs, key, knowledge))) {
  throw new Error(`could not write ${BUNDLED_SNAPSHOT_FILE}`);
}
