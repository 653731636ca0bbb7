import { type BuiltIndexes, builtIndexes, instantiateMatcher, type Matcher } from '../diagnose/matcher.js';
import type { DeferredPlan, MatcherPlan } from '../diagnose/matcher-plan.js';
import type { ApiRemoval } from '../knowledge/api-removals.js';
import type { LoadedKnowledge } from '../knowledge/load.js';
import type { OpenshiftReleases } from '../knowledge/openshift-releases.js';
import type { Incident } from '../knowledge/schema.js';
import { contentKey, readSnapshot, type SnapshotOptions, type StoredKnowledge, writeSnapshot } from './knowledge-snapshot.js';

/**
 * One validated, compiled snapshot of a knowledge folder: what every use case reads. A reload
 * builds a new one and swaps it whole (CatalogHolder), so an answer never mixes two snapshots.
 */
export interface Catalog extends Matcher {
  /** the base folder */
  dir: string;
  /** every folder, base first, then the team folders loaded on top */
  dirs: string[];
  /** the folder each incident came from, for `kb list` */
  layers: ReadonlyMap<string, string>;
  incidents: Incident[];
  byId: ReadonlyMap<string, Incident>;
  /** the file each incident came from, for messages */
  files: ReadonlyMap<string, string>;
  removals: ApiRemoval[];
  openshiftReleases: OpenshiftReleases;
}

/** Validated knowledge and its matcher plan, made into the catalog (whether they were just compiled or read from a snapshot). */
export function assembleCatalog(loaded: LoadedKnowledge, plan: MatcherPlan | DeferredPlan, built?: BuiltIndexes): Catalog {
  const incidents = loaded.files.map((f) => f.incident);
  const matcher = instantiateMatcher(plan, incidents, built);
  return {
    index: matcher.index,
    lexical: matcher.lexical,
    get runbook() {
      return matcher.runbook;
    },
    dir: loaded.dir,
    dirs: loaded.dirs ?? [loaded.dir],
    layers: new Map(loaded.files.map((f) => [f.incident.id, f.layer ?? loaded.dir])),
    incidents,
    byId: new Map(incidents.map((incident) => [incident.id, incident])),
    files: new Map(loaded.files.map((f) => [f.incident.id, f.file])),
    removals: loaded.removals,
    openshiftReleases: loaded.openshiftReleases,
  };
}

export interface LoadCatalogOptions {
  /** where compiled knowledge may be read from and cached (the CLI and the bot pass it; without it every load compiles) */
  snapshots?: SnapshotOptions;
}

/**
 * Reads, validates and compiles a knowledge folder, or several in layers (base first, then team
 * folders on top); throws KnowledgeError naming each file and field. With `snapshots`, knowledge
 * whose files are byte-for-byte those of a stored snapshot is read from it instead, without YAML
 * or zod; anything else (edited, added or removed files, another build) compiles and is stored.
 */
export async function loadCatalog(dirs: string | readonly string[], options: LoadCatalogOptions = {}): Promise<Catalog> {
  const layers = typeof dirs === 'string' ? [dirs] : [...dirs];
  if (!options.snapshots) return compiledInProcess(layers);
  const stored = await readSnapshot(layers, options.snapshots);
  if (stored.snapshot) return assembleCatalog(stored.snapshot.loaded, stored.snapshot.plan, stored.snapshot.built);
  const { catalog, knowledge } = await compileCatalog(layers);
  if (stored.key) await writeSnapshot(layers, options.snapshots, stored.key, knowledge);
  return catalog;
}

/**
 * Without snapshots (run from source: tests, tsx) every load compiles. The same bytes compile to
 * the same catalog, and a catalog is never changed once built, so a process keeps the last few it
 * compiled by content key: a test suite that runs the CLI hundreds of times compiles once, and an
 * edited, added or removed file is a new key, compiled again.
 */
const inProcess = new Map<string, Catalog>();
const IN_PROCESS_MAX = 4;

async function compiledInProcess(layers: readonly string[]): Promise<Catalog> {
  const key = await contentKey(layers, 'compiled in this process');
  const known = key ? inProcess.get(key) : undefined;
  if (known) return known;
  const { catalog } = await compileCatalog(layers);
  if (key) {
    if (inProcess.size >= IN_PROCESS_MAX) inProcess.delete(inProcess.keys().next().value as string);
    inProcess.set(key, catalog);
  }
  return catalog;
}

/** The compile path: the catalog, and what a snapshot of it stores (scripts/postbuild.mjs writes the bundled one from it). */
export async function compileCatalog(layers: readonly string[]): Promise<{ catalog: Catalog; knowledge: StoredKnowledge }> {
  // the YAML, zod and check stack loads only when there is something to compile
  const { compileKnowledge } = await import('./build-catalog.js');
  const { loaded, plan } = await compileKnowledge(layers);
  const catalog = assembleCatalog(loaded, plan);
  return { catalog, knowledge: { loaded, plan, built: builtIndexes(catalog) } };
}
