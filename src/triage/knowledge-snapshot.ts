import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LexicalData } from '../diagnose/lexical.js';
import type { ScannerData } from '../diagnose/literal-scanner.js';
import type { BuiltIndexes } from '../diagnose/matcher.js';
import type { DeferredPlan, MatcherPlan, PlannedFact, PlannedSignature } from '../diagnose/matcher-plan.js';
import type { OwnerData } from '../diagnose/signature-index.js';
import type { ApiRemoval } from '../knowledge/api-removals.js';
import { API_REMOVALS_FILE, INCIDENTS_FOLDER, incidentFileNames, OPENSHIFT_RELEASES_FILE, writeCacheFile } from '../knowledge/files.js';
import type { LoadedFile, LoadedKnowledge } from '../knowledge/load.js';
import { CONTAINER_FORMAT, type LazyRange, type OpenedSnapshot, openSnapshot, type Range, SnapshotWriter } from './snapshot-file.js';
import { storedIncidents } from './stored-incident.js';

/**
 * Compiled knowledge, stored so that a run whose knowledge files have not changed skips YAML,
 * zod and the matcher's planning (about 90 % of a one-paste CLI run). The YAML stays the source of
 * truth: a snapshot is used only when its key — a hash of every knowledge file's bytes, of the
 * folder layering and of the build that wrote it — equals the key of the files on disk now, and
 * its digests hold (src/triage/snapshot-file.ts: the parts every load reads at open, each lazily
 * read blob when it is read). Anything else is compiled again (and stored again), never trusted.
 */

/** In every key: a snapshot of another layout is never read. */
const SNAPSHOT_FORMAT = CONTAINER_FORMAT;

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

/** Knowledge read from a snapshot: its plan's signature records are read when first tested. */
export type RestoredKnowledge = Omit<StoredKnowledge, 'plan'> & { plan: DeferredPlan };

/**
 * An incident's fields are stored as two JSON texts after the parsed part, each parsed on the first
 * read of one of its fields; only the id is read at load. The first text holds what ranking, the
 * runner-up list and the runbook search read (the literal index's keywords and component names
 * come from the stored owner table instead); the second the rest (signatures, whose matching part
 * the plan holds already, summary, fix, evidence, examples: nine tenths of the bytes). A one-paste
 * run parses a few incidents' texts instead of all; upgrade-check reads every incident's upgrades,
 * and parses them all then.
 */
const HOT_FIELDS = new Set<string>([
  'title',
  'severity',
  'category',
  'components',
  'platforms',
  'keywords',
  'replaces',
  'specializes',
  // the runbook search's fuse index reads every incident's symptoms
  'symptoms',
]);

interface Payload {
  /**
   * each incident's id and where its two JSON texts are in the lazy part; `order` points into
   * `orders`, every field in the YAML's order, so a restored incident reads like a compiled one
   */
  files: Array<{
    layer: number;
    path: string;
    id: string;
    hot: LazyRange;
    rest: LazyRange;
    order: number;
    /** how many planned signatures the incident has, and their records (one JSON array) */
    planned: number;
    plannedAt?: LazyRange;
  }>;
  /** the distinct field orders (most incidents share a handful) */
  orders: string[][];
  removals: ApiRemoval[];
  openshiftReleases: Array<[string, string]>;
  /** what a load reads of the plan: the contexts, and each fact signature's fact by its plan index */
  plan: { contexts: MatcherPlan['contexts']; facts: Array<[number, PlannedFact]> };
  /** the scanner's and owner table's arrays are in the eager part, the postings in the lazy one */
  built: {
    scanner: Pick<ScannerData, 'dense'> & Record<Exclude<keyof ScannerData, 'dense'>, Range>;
    owners: Record<keyof OwnerData, Range>;
    lexical: Record<keyof LexicalData, LazyRange>;
  };
}

const CODE_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Written by scripts/postbuild.mjs next to the compiled code. */
export const BUILD_ID_FILE = join(CODE_ROOT, 'build-id.txt');
export const BUNDLED_SNAPSHOT_FILE = join(CODE_ROOT, 'knowledge.snapshot');

/** The options the CLI and the bot use: the build's own snapshot, and a cache folder for the rest. */
export async function defaultSnapshotOptions(env: Record<string, string | undefined>): Promise<SnapshotOptions | undefined> {
  if (env.KUBETRIAGE_SNAPSHOTS === 'off') return undefined;
  // run from source (tsx, vitest) there is no build id, and so no snapshot: code may change at any edit
  // a synchronous read: the first promise-based file read of a process sets up FileHandle, ~3 ms of a one-paste run
  let codeId: string | undefined;
  try {
    codeId = readFileSync(BUILD_ID_FILE, 'utf8').trim();
  } catch {
    codeId = undefined;
  }
  if (!codeId) return undefined;
  const cacheDir = cacheFolder(env);
  return { codeId, bundledFile: BUNDLED_SNAPSHOT_FILE, ...(cacheDir ? { cacheDir } : {}) };
}

/** The user's cache folder for compiled knowledge and lint verdicts (README: KUBETRIAGE_CACHE_DIR). */
export function cacheFolder(env: Record<string, string | undefined>): string | undefined {
  return (
    env.KUBETRIAGE_CACHE_DIR ||
    (env.XDG_CACHE_HOME ? join(env.XDG_CACHE_HOME, 'kubetriage') : env.HOME ? join(env.HOME, '.cache', 'kubetriage') : undefined)
  );
}

/**
 * The content key of the folders now, and the snapshot stored under it if there is one. No key
 * (a folder cannot be read) means the compile path runs and reports the problem.
 */
export async function readSnapshot(
  dirs: readonly string[],
  options: SnapshotOptions,
): Promise<{ key?: string; snapshot?: RestoredKnowledge }> {
  const name = cacheName(dirs, options);
  const key = await contentKey(dirs, options.codeId, name && `${name}.key.json`);
  if (!key) return {};
  const candidates = [...(dirs.length === 1 && options.bundledFile ? [options.bundledFile] : []), ...(name ? [`${name}.snapshot`] : [])];
  for (const file of candidates) {
    const opened = openSnapshot(file, key);
    if (opened) return { key, snapshot: fromPayload(opened, dirs) };
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
  const name = cacheName(dirs, options);
  return name ? writeSnapshotFile(`${name}.snapshot`, dirs, key, knowledge) : false;
}

/** Writes one snapshot file atomically (a reader sees the old file or the new one, never half of one). */
export async function writeSnapshotFile(file: string, dirs: readonly string[], key: string, knowledge: StoredKnowledge): Promise<boolean> {
  const writer = new SnapshotWriter();
  const payload = toPayload(knowledge, dirs, writer);
  return writeCacheFile(file, writer.finish(key, payload));
}

/**
 * The key for knowledge as it is on disk: every file of every folder, in layer order, and the code.
 * With a memo file, the bytes are hashed only when some file's stat (size, mtime, ctime, inode)
 * differs from when they were last hashed, as git's index does: an edit changes ctime even when it
 * restores size and mtime. A memo is written only when every file is older than RACY_MS, so an edit
 * within the clock's granularity of the hashing is never mistaken for no change.
 */
export async function contentKey(
  dirs: readonly string[],
  codeId: string,
  memoFile?: string,
  racyMs = RACY_MS,
): Promise<string | undefined> {
  const started = Date.now();
  const layers: Array<{ dir: string; paths: string[] }> = [];
  const stamps = createHash('sha256').update(`${SNAPSHOT_FORMAT}\n${codeId}\n`);
  let newest = 0;
  for (const dir of dirs) {
    let names: string[];
    try {
      names = incidentFileNames(dir);
    } catch {
      return undefined;
    }
    const paths = [...names.map((name) => `${INCIDENTS_FOLDER}${sep}${name}`), API_REMOVALS_FILE, OPENSHIFT_RELEASES_FILE];
    layers.push({ dir, paths });
    // without a memo there is nothing to compare the stats with: the bytes are hashed anyway
    if (!memoFile) continue;
    stamps.update(`layer ${resolve(dir)} ${paths.length}\n`);
    try {
      for (const path of paths) {
        // plain concatenation: path.join normalises on every call, a millisecond over 150 files
        const stat = statSync(`${dir}${sep}${path}`, { throwIfNoEntry: false });
        newest = Math.max(newest, stat?.mtimeMs ?? 0, stat?.ctimeMs ?? 0);
        stamps.update(stat ? `${path}\0${stat.size}\0${stat.mtimeMs}\0${stat.ctimeMs}\0${stat.ino}\n` : `${path}\0-\n`);
      }
    } catch {
      // a file that cannot be looked at: no key, and the compile path names the file and the problem
      return undefined;
    }
  }
  if (!memoFile) return hashContents(layers, codeId);
  const stamp = stamps.digest('hex');
  const memo = readMemo(memoFile);
  if (memo?.stamp === stamp) return memo.key;
  const key = hashContents(layers, codeId);
  if (key && newest < started - racyMs) await writeCacheFile(memoFile, JSON.stringify({ stamp, key }));
  return key;
}

/** How old every knowledge file must be before its stat may stand for its bytes (coarse filesystem clocks tick in 1-2 s). */
const RACY_MS = 3000;

function hashContents(layers: ReadonlyArray<{ dir: string; paths: string[] }>, codeId: string): string | undefined {
  // synchronous reads: for many small files they take a third of the time of promise-based ones
  const hash = createHash('sha256').update(`kubetriage knowledge snapshot ${SNAPSHOT_FORMAT}\n${codeId}\n${layers.length}\n`);
  // each file hashed as it is read, so only one is in memory: a 10,000-entry folder is 130 MB of
  // YAML, and holding a layer's files until all were read put that on the peak RSS of a load
  for (const { dir, paths } of layers) {
    hash.update(`layer ${paths.length}\n`);
    for (const path of paths) {
      let content: Buffer | undefined;
      try {
        content = readIfPresent(join(dir, path));
      } catch {
        return undefined;
      }
      hash.update(`${path}\0${content ? content.length : -1}\0`);
      if (content) hash.update(content);
    }
  }
  return hash.digest('hex');
}

function readMemo(file: string): { stamp: string; key: string } | undefined {
  try {
    const memo = JSON.parse(readFileSync(file, 'utf8')) as { stamp?: unknown; key?: unknown };
    return typeof memo.stamp === 'string' && typeof memo.key === 'string' ? { stamp: memo.stamp, key: memo.key } : undefined;
  } catch {
    return undefined;
  }
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The cache files of a set of folders share one name: `<name>.snapshot` and its stat memo
 * `<name>.key.json` (the bundled folder has a memo too). One snapshot per set, so the cache never
 * grows past that.
 */
function cacheName(dirs: readonly string[], options: SnapshotOptions): string | undefined {
  if (!options.cacheDir) return undefined;
  const name = createHash('sha256')
    .update(dirs.map((dir) => resolve(dir)).join('\0'))
    .digest('hex')
    .slice(0, 24);
  return join(options.cacheDir, `knowledge-${name}`);
}

/** Paths are stored relative to their folder: the build's snapshot is used wherever the package is installed. */
function toPayload({ loaded, plan, built }: StoredKnowledge, dirs: readonly string[], writer: SnapshotWriter): Payload {
  const layerOf = (file: LoadedFile) => Math.max(0, dirs.indexOf(file.layer ?? (dirs[0] as string)));
  const bytesOf = (array: Int32Array | Uint8Array | Float64Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  const raw = (array: Int32Array | Uint8Array) => writer.eager(bytesOf(array));
  const json = (value: unknown) => writer.eager(Buffer.from(JSON.stringify(value)));
  const lazyJson = (value: unknown) => writer.lazy(Buffer.from(JSON.stringify(value)));
  const orders: string[][] = [];
  const orderIds = new Map<string, number>();
  // planMatcher lists signatures incident by incident, in incident order
  const plannedOf: PlannedSignature[][] = loaded.files.map(() => []);
  const facts: Array<[number, PlannedFact]> = [];
  let previous = 0;
  plan.signatures.forEach((planned, at) => {
    // a load numbers signatures back from the per-incident counts: out of order, they would point
    // at other incidents' records, so writing stops here instead
    if (planned.incident < previous) throw new Error('matcher plan not in incident order: a snapshot of it would misnumber signatures');
    previous = planned.incident;
    plannedOf[planned.incident]?.push(planned);
    if (planned.fact) facts.push([at, planned.fact]);
  });
  const files = loaded.files.map((file, index) => {
    const layer = layerOf(file);
    const hot: Record<string, unknown> = {};
    const rest: Record<string, unknown> = {};
    // the id is stored beside the two texts: a load reads it for every incident
    for (const [field, value] of Object.entries(file.incident)) if (field !== 'id') (HOT_FIELDS.has(field) ? hot : rest)[field] = value;
    const fields = Object.keys(file.incident);
    let order = orderIds.get(fields.join('\0'));
    if (order === undefined) {
      order = orders.push(fields) - 1;
      orderIds.set(fields.join('\0'), order);
    }
    const path = relative(dirs[layer] as string, file.file);
    const planned = plannedOf[index] as PlannedSignature[];
    return {
      layer,
      path,
      id: file.incident.id,
      hot: lazyJson(hot),
      rest: lazyJson(rest),
      order,
      planned: planned.length,
      ...(planned.length > 0 ? { plannedAt: lazyJson(planned) } : {}),
    };
  });
  const { scanner, owners } = built;
  const stored: Payload['built'] = {
    // typed arrays in the platform's byte order: little-endian on every platform the image ships for
    scanner: {
      dense: scanner.dense,
      rows: raw(scanner.rows),
      childStart: raw(scanner.childStart),
      childCode: raw(scanner.childCode),
      childTarget: raw(scanner.childTarget),
      fail: raw(scanner.fail),
      outputStart: raw(scanner.outputStart),
      outputList: raw(scanner.outputList),
    },
    owners: {
      literals: json(owners.literals),
      ownerStart: raw(owners.ownerStart),
      ownerKind: raw(owners.ownerKind),
      ownerRef: raw(owners.ownerRef),
      ownerText: raw(owners.ownerText),
      keywords: json(owners.keywords),
    },
    lexical: (({ terms, offsets, docs, weights }) => ({
      terms: lazyJson(terms),
      offsets: writer.lazy(bytesOf(offsets)),
      docs: writer.lazy(bytesOf(docs)),
      weights: writer.lazy(bytesOf(weights)),
    }))(built.lexical()),
  };
  return {
    files,
    orders,
    removals: loaded.removals,
    openshiftReleases: [...loaded.openshiftReleases],
    plan: { contexts: plan.contexts, facts },
    built: stored,
  };
}

function fromPayload(opened: OpenedSnapshot, dirs: readonly string[]): RestoredKnowledge {
  const payload = opened.hot as Payload;
  const { eager } = opened;
  const layered = dirs.length > 1;
  const text = ({ start, end }: Range) => JSON.parse(eager.toString('utf8', start, end)) as unknown;
  // the lazy readers hold the reader only, not the eager bytes: those are garbage once this returns
  const { lazy } = opened;
  const lazyText = (range: LazyRange) => JSON.parse(lazy(range).toString('utf8')) as unknown;
  const restore = storedIncidents(HOT_FIELDS, lazyText);
  // each folder normalised once; the stored paths are normalised and relative already
  const roots = dirs.map((dir) => {
    const root = join(dir, '.');
    return root.endsWith(sep) ? root : `${root}${sep}`;
  });
  const files: LoadedFile[] = payload.files.map(({ layer, path, id, hot, rest, order }) => {
    const dir = dirs[layer] as string;
    const file = `${roots[layer]}${path}`;
    const incident = restore(id, payload.orders[order] as string[], hot, rest);
    return layered ? { file, incident, layer: dir } : { file, incident };
  });
  const loaded: LoadedKnowledge = {
    dir: dirs[0] as string,
    files,
    removals: payload.removals,
    openshiftReleases: new Map(payload.openshiftReleases),
    problems: [],
  };
  if (layered) loaded.dirs = [...dirs];
  const { scanner, owners, lexical } = payload.built;
  // copied out so each array starts aligned (a Buffer's offset into its pool need not be a multiple of 4)
  const bytes = ({ start, end }: Range) => eager.buffer.slice(eager.byteOffset + start, eager.byteOffset + end);
  const int32s = (range: Range) => new Int32Array(bytes(range));
  const lazyBytes = (range: LazyRange) => {
    const read = lazy(range);
    return read.buffer.slice(read.byteOffset, read.byteOffset + read.length);
  };
  const built: BuiltIndexes = {
    scanner: {
      dense: scanner.dense,
      rows: int32s(scanner.rows),
      childStart: int32s(scanner.childStart),
      childCode: new Uint8Array(eager.subarray(scanner.childCode.start, scanner.childCode.end)),
      childTarget: int32s(scanner.childTarget),
      fail: int32s(scanner.fail),
      outputStart: int32s(scanner.outputStart),
      outputList: int32s(scanner.outputList),
    },
    owners: {
      literals: text(owners.literals) as string[],
      ownerStart: int32s(owners.ownerStart),
      ownerKind: new Uint8Array(eager.subarray(owners.ownerKind.start, owners.ownerKind.end)),
      ownerRef: int32s(owners.ownerRef),
      ownerText: int32s(owners.ownerText),
      keywords: text(owners.keywords) as string[],
    },
    lexical: (): LexicalData => ({
      terms: lazyText(lexical.terms) as string[],
      offsets: new Int32Array(lazyBytes(lexical.offsets)),
      docs: new Int32Array(lazyBytes(lexical.docs)),
      weights: new Float64Array(lazyBytes(lexical.weights)),
    }),
  };
  // signature at -> its incident, and its place among that incident's records
  const total = payload.files.reduce((n, file) => n + file.planned, 0);
  const incidentOf = new Int32Array(total);
  const firsts = new Int32Array(payload.files.length);
  let next = 0;
  payload.files.forEach((file, incident) => {
    firsts[incident] = next;
    incidentOf.fill(incident, next, next + file.planned);
    next += file.planned;
  });
  const records: Array<PlannedSignature[] | undefined> = [];
  const plan: DeferredPlan = {
    contexts: payload.plan.contexts,
    incidents: incidentOf,
    facts: new Map(payload.plan.facts),
    read: (at) => {
      const incident = incidentOf[at] as number;
      let list = records[incident];
      if (!list) {
        const range = payload.files[incident]?.plannedAt as LazyRange;
        list = lazyText(range) as PlannedSignature[];
        records[incident] = list;
      }
      return list[at - (firsts[incident] as number)] as PlannedSignature;
    },
  };
  return { loaded, plan, built };
}
