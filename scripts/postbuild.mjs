// After tsc: joins the CLI into one file, makes it executable, stamps the build (build-id.txt: a
// hash of the compiled code, part of every knowledge snapshot's key) and writes the bundled
// knowledge's snapshot, so an installed kubetriage answers its first paste without parsing YAML
// (issue #18).
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const dist = new URL('../dist/', import.meta.url).pathname;

// The CLI starts one process per paste, so its start-up is what a user feels. Node's module loader
// pays per module, and a one-paste run loads about 35 of them: bundled into dist/cli/bin.js (what
// the imports of a paste-only run need; everything imported lazily stays a separate chunk, loaded
// only when used) a one-line diagnose took about a tenth less (npm run bench:startup). The chunks
// sit beside bin.js, one level under dist/ like every compiled module, so the paths the code
// resolves from its own location (../../knowledge, ../../package.json, the build id in dist/) hold.
await build({
  entryPoints: { bin: join(dist, 'cli/bin.js') },
  outdir: join(dist, 'cli'),
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  chunkNames: 'bin-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
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

// The bundled knowledge's ReDoS verdicts, so that `kb lint` after an install analyses only what a
// team added (src/knowledge/redos-verdicts.ts). The user's cache spares a rebuild the analysis; a
// fresh machine pays it here once, about as long as one cold `kb lint`.
const { BUNDLED_VERDICTS_FILE, writeVerdictFile } = await import(join(dist, 'knowledge/redos-verdicts.js'));
const { signaturePatterns } = await import(join(dist, 'knowledge/lint.js'));
const { cacheFolder } = await import(join(dist, 'triage/knowledge-snapshot.js'));
const cacheDir = cacheFolder(process.env);
// the files the snapshot was just compiled from: read once
await writeVerdictFile(
  BUNDLED_VERDICTS_FILE,
  signaturePatterns(knowledge.loaded.files).map((p) => p.pattern),
  cacheDir ? { cacheDir } : {},
);
