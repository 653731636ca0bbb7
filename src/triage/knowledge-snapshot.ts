import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuiltIndexes } from '../diagnose/matcher.js';
import type { MatcherPlan } from '../diagnose/matcher-plan.js';
import type { ApiRemoval } from '../knowledge/api-removals.js';
import { API_REMOVALS_FILE, INCIDENTS_FOLDER, incidentFileNames, OPENSHIFT_RELEASES_FILE } from '../knowledge/files.js';
import type { LoadedFile, LoadedKnowledge } from '../knowledge/load.js';
import type { Incident } from '../knowledge/schema.js';

/**
 * Compiled knowledge, stored so that a run whose knowledge files have not changed skips YAML,
 * zod and the matcher's planning (about 90 % of a one-paste CLI run). The YAML stays the source of
 * truth: a snapshot is used only when its key — a hash of every knowledge file's bytes, of the
 * folder layering and of the build that wrote it — equals the key of the files on disk now, and
 * its payload's digest holds. Anything else is compiled again (and stored again), never trusted.
 */
export const SNAPSHOT_FORMAT = 1;

export interface SnapshotOptions {
  /** the running build (build-id.txt): a snapshot written by other code is never used */
  codeId: string;
  /** the snapshot `npm run build` writes for the bundled knowledge */
  bundledFile?: string;
  /** where snapshots of other knowledge (team folders, --kb-base) are kept; without it none are stored */
  cacheDir?: string;
}

export interface StoredKnowledge {
  loaded: LoadedKnowledge;
  plan: MatcherPlan;
  /** the scanner and lexical postings, already built */
  built: BuiltIndexes;
}

interface Payload {
  layers: number;
  /** each incident without its examples, which are kept as JSON text and parsed on first use (only kb test reads them) */
  files: Array<{ layer: number; path: string; incident: Omit<Incident, 'examples'>; examples: string }>;
  removals: ApiRemoval[];
  openshiftReleases: Array<[string, string]>;
  plan: MatcherPlan;
  built: BuiltIndexes;
}

const CODE_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Written by scripts/postbuild.mjs next to the compiled code. */
export const BUILD_ID_FILE = join(CODE_ROOT, 'build-id.txt');
export const BUNDLED_SNAPSHOT_FILE = join(CODE_ROOT, 'knowledge.snapshot');

/** The options the CLI and the bot use: the build's own snapshot, and a cache folder for the rest. */
export async function defaultSnapshotOptions(env: Record<string, string | undefined>): Promise<SnapshotOptions | undefined> {
  if (env.KUBETRIAGE_SNAPSHOTS === 'off') return undefined;
  // run from source (tsx, vitest) there is no build id, and so no snapshot: code may change at any edit
  const codeId = await readFile(BUILD_ID_FILE, 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
  if (!codeId) return undefined;
  const cacheDir =
    env.KUBETRIAGE_CACHE_DIR ||
    (env.XDG_CACHE_HOME ? join(env.XDG_CACHE_HOME, 'kubetriage') : env.HOME ? join(env.HOME, '.cache', 'kubetriage') : undefined);
  return { codeId, bundledFile: BUNDLED_SNAPSHOT_FILE, ...(cacheDir ? { cacheDir } : {}) };
}

/**
 * The content key of the folders now, and the snapshot stored under it if there is one. No key
 * (a folder cannot be read) means the compile path runs and reports the problem.
 */
export async function readSnapshot(
  dirs: readonly string[],
  options: SnapshotOptions,
): Promise<{ key?: string; snapshot?: StoredKnowledge }> {
  const key = await contentKey(dirs, options.codeId);
  if (!key) return {};
  const candidates = [...(dirs.length === 1 && options.bundledFile ? [options.bundledFile] : []), ...cacheFiles(dirs, options)];
  for (const file of candidates) {
    const payload = readPayload(file, key);
    if (payload) return { key, snapshot: fromPayload(payload, dirs) };
  }
  return { key };
}

/** Stores compiled knowledge in the cache folder; a folder that cannot be written only costs the next run a compile. */
export async function writeSnapshot(
  dirs: readonly string[],
  options: SnapshotOptions,
  key: string,
  knowledge: StoredKnowledge,
): Promise<boolean> {
  const [file] = cacheFiles(dirs, options);
  return file ? writeSnapshotFile(file, dirs, key, knowledge) : false;
}

/** Writes one snapshot file atomically (a reader sees the old file or the new one, never half of one). */
export async function writeSnapshotFile(file: string, dirs: readonly string[], key: string, knowledge: StoredKnowledge): Promise<boolean> {
  const body = JSON.stringify(toPayload(knowledge, dirs));
  const header = JSON.stringify({ format: SNAPSHOT_FORMAT, key, digest: digestOf(body) });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temporary, `${header}\n${body}`);
    await rename(temporary, file);
    return true;
  } catch {
    // the folder may not even exist (a path under a file, a read-only image): nothing to clean up then
    await rm(temporary, { force: true }).catch(() => undefined);
    return false;
  }
}

/** The key for knowledge as it is on disk: every file of every folder, in layer order, and the code. */
export async function contentKey(dirs: readonly string[], codeId: string): Promise<string | undefined> {
  // synchronous reads: for many small files they take a third of the time of promise-based ones
  const hash = createHash('sha256').update(`kubetriage knowledge snapshot ${SNAPSHOT_FORMAT}\n${codeId}\n${dirs.length}\n`);
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await incidentFileNames(dir);
    } catch {
      return undefined;
    }
    const paths = [...names.map((name) => join(INCIDENTS_FOLDER, name)), API_REMOVALS_FILE, OPENSHIFT_RELEASES_FILE];
    let contents: Array<Buffer | undefined>;
    try {
      contents = paths.map((path) => readIfPresent(join(dir, path)));
    } catch {
      return undefined;
    }
    hash.update(`layer ${paths.length}\n`);
    paths.forEach((path, i) => {
      const content = contents[i];
      hash.update(`${path}\0${content ? content.length : -1}\0`);
      if (content) hash.update(content);
    });
  }
  return hash.digest('hex');
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** One cache file per set of folders, so the cache holds one snapshot for each and never grows past that. */
function cacheFiles(dirs: readonly string[], options: SnapshotOptions): string[] {
  if (!options.cacheDir) return [];
  const name = createHash('sha256')
    .update(dirs.map((dir) => resolve(dir)).join('\0'))
    .digest('hex')
    .slice(0, 24);
  return [join(options.cacheDir, `knowledge-${name}.snapshot`)];
}

function digestOf(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

function readPayload(file: string, key: string): Payload | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  try {
    const header = JSON.parse(text.slice(0, newline)) as { format?: unknown; key?: unknown; digest?: unknown };
    if (header.format !== SNAPSHOT_FORMAT || header.key !== key) return undefined;
    const body = text.slice(newline + 1);
    if (header.digest !== digestOf(body)) return undefined;
    return JSON.parse(body) as Payload;
  } catch {
    return undefined;
  }
}

/** Paths are stored relative to their folder: the build's snapshot is used wherever the package is installed. */
function toPayload({ loaded, plan, built }: StoredKnowledge, dirs: readonly string[]): Payload {
  const layerOf = (file: LoadedFile) => Math.max(0, dirs.indexOf(file.layer ?? (dirs[0] as string)));
  return {
    layers: dirs.length,
    files: loaded.files.map((file) => {
      const layer = layerOf(file);
      const { examples, ...incident } = file.incident;
      return { layer, path: relative(dirs[layer] as string, file.file), incident, examples: JSON.stringify(examples) };
    }),
    removals: loaded.removals,
    openshiftReleases: [...loaded.openshiftReleases],
    plan,
    built,
  };
}

function fromPayload(payload: Payload, dirs: readonly string[]): StoredKnowledge {
  const layered = dirs.length > 1;
  const files: LoadedFile[] = payload.files.map(({ layer, path, incident: stored, examples }) => {
    const dir = dirs[layer] as string;
    const incident = withLazyExamples(stored, examples);
    return layered ? { file: join(dir, path), incident, layer: dir } : { file: join(dir, path), incident };
  });
  const loaded: LoadedKnowledge = {
    dir: dirs[0] as string,
    files,
    removals: payload.removals,
    openshiftReleases: new Map(payload.openshiftReleases),
    problems: [],
  };
  if (layered) loaded.dirs = [...dirs];
  return { loaded, plan: payload.plan, built: payload.built };
}

function withLazyExamples(stored: Omit<Incident, 'examples'>, text: string): Incident {
  let examples: Incident['examples'] | undefined;
  return Object.defineProperty(stored, 'examples', {
    get: () => {
      examples ??= JSON.parse(text) as Incident['examples'];
      return examples;
    },
    enumerable: true,
  }) as Incident;
}
