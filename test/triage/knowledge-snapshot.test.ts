import { cp, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { findRunbook } from '../../src/diagnose/runbook.js';
import { KnowledgeError } from '../../src/errors.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.js';
import { type Catalog, compileCatalog, loadCatalog } from '../../src/triage/catalog.js';
import { contentKey, readSnapshot, type SnapshotOptions, writeSnapshotFile } from '../../src/triage/knowledge-snapshot.js';
import { incidentData, knowledgeDir } from '../helpers/kb.js';

const EVAL_CASES = new URL('../../eval/dev-cases.jsonl', import.meta.url);
const temporary: string[] = [];

async function cacheDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kubetriage-snapshots-'));
  temporary.push(dir);
  return dir;
}

async function options(codeId = 'build-1'): Promise<SnapshotOptions> {
  return { codeId, cacheDir: await cacheDir() };
}

/** The cache's one snapshot file, by inode: a compile writes a new file and renames it over the old one. */
async function storedFile(snapshots: SnapshotOptions): Promise<{ name: string; ino: number }> {
  const [name] = await readdir(snapshots.cacheDir as string);
  return { name: name as string, ino: (await stat(join(snapshots.cacheDir as string, name as string))).ino };
}

afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Every answer the catalog gives that a snapshot could change: the diagnosis and its runner-ups, the runbook search, the data. */
function answers(kb: Catalog, texts: string[]): string {
  return JSON.stringify({
    diagnoses: texts.map((text) => diagnose(text, kb)),
    runbook: ['etcd nospace', 'corends forwarding lop', 'aws-node irsa', 'pizza'].map((q) => findRunbook(q, kb)),
    incidents: kb.incidents,
    files: [...kb.files],
    layers: [...kb.layers],
    removals: kb.removals,
    openshift: [...kb.openshiftReleases],
  });
}

describe('the knowledge snapshot', () => {
  let compiled: Catalog;
  let texts: string[];
  beforeAll(async () => {
    compiled = await loadCatalog(BUNDLED_KNOWLEDGE_DIR);
    const evalTexts = (await readFile(EVAL_CASES, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { text: string }).text);
    const exampleTexts = compiled.incidents.flatMap((i) => [...i.examples.match, ...i.examples.noMatch].map((e) => e.text));
    texts = [...exampleTexts, ...evalTexts];
  });

  it('gives byte-identical answers to compiling, on every example and every eval case', async () => {
    const snapshots = await options();
    await loadCatalog(BUNDLED_KNOWLEDGE_DIR, { snapshots }); // compiles and stores
    const stored = await readSnapshot([BUNDLED_KNOWLEDGE_DIR], snapshots);
    expect(stored.snapshot).toBeDefined();
    const before = await storedFile(snapshots);
    const fromSnapshot = await loadCatalog(BUNDLED_KNOWLEDGE_DIR, { snapshots });
    // a compile would have replaced the file (written aside, then renamed over it): this catalog came from the snapshot
    expect(await storedFile(snapshots)).toEqual(before);
    expect(texts.length).toBeGreaterThan(900);
    expect(answers(fromSnapshot, texts)).toBe(answers(compiled, texts));
  });

  it('is written once per set of folders and read instead of the YAML', async () => {
    const snapshots = await options();
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one') });
    temporary.push(dir);
    await loadCatalog(dir, { snapshots });
    const written = await readdir(snapshots.cacheDir as string);
    expect(written).toHaveLength(1);
    const stored = await readSnapshot([dir], snapshots);
    expect(stored.snapshot?.loaded.files.map((f) => f.incident.id)).toEqual(['alpha-one']);
    const before = await storedFile(snapshots);
    await loadCatalog(dir, { snapshots });
    expect(await readdir(snapshots.cacheDir as string)).toEqual(written);
    // the same file, not rewritten: the second load read the snapshot instead of compiling the YAML
    expect(await storedFile(snapshots)).toEqual(before);
  });

  it('is rebuilt, never trusted, when a file changes, appears or disappears', async () => {
    const snapshots = await options();
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one') });
    temporary.push(dir);
    await loadCatalog(dir, { snapshots });

    await writeFile(
      join(dir, 'incidents', 'alpha-one.yaml'),
      yaml.dump(incidentData('alpha-one', { title: 'A retitled incident for the loader' })),
    );
    expect((await readSnapshot([dir], snapshots)).snapshot).toBeUndefined();
    expect((await loadCatalog(dir, { snapshots })).byId.get('alpha-one')?.title).toBe('A retitled incident for the loader');
    expect((await readSnapshot([dir], snapshots)).snapshot).toBeDefined();

    await writeFile(join(dir, 'incidents', 'beta-two.yaml'), yaml.dump(incidentData('beta-two')));
    expect((await loadCatalog(dir, { snapshots })).incidents.map((i) => i.id)).toEqual(['alpha-one', 'beta-two']);

    await rm(join(dir, 'incidents', 'alpha-one.yaml'));
    expect((await loadCatalog(dir, { snapshots })).incidents.map((i) => i.id)).toEqual(['beta-two']);
  });

  it('reuses a key from file stats only while no file changed, even one edited back to its size and mtime', async () => {
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one', { title: 'The first title of alpha' }) });
    temporary.push(dir);
    const memo = join(await cacheDir(), 'key.json');
    // a whole-second mtime, so that putting it back below restores it exactly
    const file = join(dir, 'incidents', 'alpha-one.yaml');
    const mtime = new Date(1_700_000_000_000);
    await utimes(file, mtime, mtime);
    await new Promise((done) => setTimeout(done, 10));
    const key = await contentKey([dir], 'build-1', memo, 0);
    expect(JSON.parse(await readFile(memo, 'utf8'))).toMatchObject({ key });

    // the memo is what answers while the stats hold: the bytes are not read again
    const stored = JSON.parse(await readFile(memo, 'utf8')) as { stamp: string };
    await writeFile(memo, JSON.stringify({ stamp: stored.stamp, key: 'from-the-memo' }));
    expect(await contentKey([dir], 'build-1', memo, 0)).toBe('from-the-memo');
    expect(await contentKey([dir], 'build-2', memo, 0), 'another build has another key').not.toBe('from-the-memo');

    // same size, mtime put back: only ctime shows the edit, and the bytes are hashed again
    const before = await stat(file);
    await writeFile(memo, JSON.stringify({ stamp: stored.stamp, key: 'from-the-memo' }));
    await writeFile(file, yaml.dump(incidentData('alpha-one', { title: 'The other title of alpha' })));
    await utimes(file, mtime, mtime);
    const after = await stat(file);
    expect([after.size, after.mtimeMs, after.ino]).toEqual([before.size, before.mtimeMs, before.ino]);
    const edited = await contentKey([dir], 'build-1', memo, 0);
    expect(edited).not.toBe('from-the-memo');
    expect(edited).not.toBe(key);
    expect(edited).toBe(await contentKey([dir], 'build-1'));
  });

  it('writes no stat memo while a file is younger than the clock can tell apart', async () => {
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one') });
    temporary.push(dir);
    const memo = join(await cacheDir(), 'key.json');
    expect(await contentKey([dir], 'build-1', memo)).toBe(await contentKey([dir], 'build-1'));
    await expect(stat(memo)).rejects.toThrow(/ENOENT/);
  });

  it('without snapshots, a process reuses what it compiled only while the bytes are the same', async () => {
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one', { title: 'The first title of alpha' }) });
    temporary.push(dir);
    const first = await loadCatalog(dir);
    expect(await loadCatalog(dir), 'the same bytes: the catalog compiled before').toBe(first);
    await writeFile(join(dir, 'incidents', 'alpha-one.yaml'), yaml.dump(incidentData('alpha-one', { title: 'The other title of alpha' })));
    const edited = await loadCatalog(dir);
    expect(edited).not.toBe(first);
    expect(edited.byId.get('alpha-one')?.title).toBe('The other title of alpha');
    await writeFile(join(dir, 'incidents', 'alpha-one.yaml'), 'id: alpha-one\n');
    await expect(loadCatalog(dir), 'now invalid: an error, not the catalog compiled before').rejects.toBeInstanceOf(KnowledgeError);
  });

  it('a file that cannot even be looked at (a symlink loop) is reported by the compile path, naming the file', async () => {
    const snapshots = await options();
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one') });
    temporary.push(dir);
    await symlink('loop.yaml', join(dir, 'incidents', 'loop.yaml'));
    await expect(loadCatalog(dir, { snapshots })).rejects.toThrow(/loop\.yaml/);
    await expect(loadCatalog(dir, { snapshots })).rejects.toBeInstanceOf(KnowledgeError);
  });

  it('never serves a stored snapshot for knowledge that is now invalid', async () => {
    const snapshots = await options();
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one') });
    temporary.push(dir);
    await loadCatalog(dir, { snapshots });
    await writeFile(join(dir, 'incidents', 'alpha-one.yaml'), yaml.dump(incidentData('alpha-one', { severity: 'apocalyptic' })));
    const error = await loadCatalog(dir, { snapshots }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeError);
    expect((error as KnowledgeError).problems.map((p) => p.field)).toContain('severity');
  });

  it('written by another build, or damaged, is ignored and rebuilt', async () => {
    const snapshots = await options();
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one') });
    temporary.push(dir);
    await loadCatalog(dir, { snapshots });
    expect((await readSnapshot([dir], { ...snapshots, codeId: 'build-2' })).snapshot).toBeUndefined();

    const [name] = await readdir(snapshots.cacheDir as string);
    const file = join(snapshots.cacheDir as string, name as string);
    const text = await readFile(file, 'utf8');
    // same key, same length, one changed character in the payload: the digest no longer holds
    await writeFile(file, text.replace('alpha-one exploded badly', 'alpha-one exploded madly'));
    expect((await readSnapshot([dir], snapshots)).snapshot).toBeUndefined();
    await writeFile(file, text.slice(0, text.length / 2));
    expect((await readSnapshot([dir], snapshots)).snapshot).toBeUndefined();
    expect((await loadCatalog(dir, { snapshots })).byId.get('alpha-one')?.examples.match[0]?.text).toBe('alpha-one exploded badly');
    expect((await readSnapshot([dir], snapshots)).snapshot).toBeDefined();
  });

  it('reads an incident blob only when asked, and a damaged one is an error naming the file, which is then compiled again', async () => {
    const snapshots = await options();
    const beta = incidentData('beta-two', { summary: 'beta-two summary, read only when an answer shows it.' });
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one'), 'beta-two.yaml': beta });
    temporary.push(dir);
    await loadCatalog(dir, { snapshots });
    const { name } = await storedFile(snapshots);
    const file = join(snapshots.cacheDir as string, name);
    const text = await readFile(file, 'latin1');
    // beta-two's summary lives only in its lazy blob: flip one character of it, same length
    const at = text.lastIndexOf('beta-two summary');
    expect(at).toBeGreaterThan(text.indexOf('\n'));
    await writeFile(file, `${text.slice(0, at)}B${text.slice(at + 1)}`, 'latin1');

    const stored = await readSnapshot([dir], snapshots);
    // the parts every load reads are intact, and an incident nobody reads costs nothing
    expect(stored.snapshot?.loaded.files.map((f) => f.incident.id)).toEqual(['alpha-one', 'beta-two']);
    expect(stored.snapshot?.loaded.files[0]?.incident.summary).toBe(incidentData('alpha-one').summary);
    const damaged = stored.snapshot?.loaded.files[1]?.incident as { summary: string };
    expect(() => damaged.summary).toThrow(`knowledge snapshot ${file} is damaged`);
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
    expect((await loadCatalog(dir, { snapshots })).byId.get('beta-two')?.summary).toBe(beta.summary);
  });

  it('keeps signature plans out of the part every load parses: one is read, checked, when a paste first hits its literal', async () => {
    const snapshots = await options();
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one'), 'beta-two.yaml': incidentData('beta-two') });
    temporary.push(dir);
    await loadCatalog(dir, { snapshots });
    const { name } = await storedFile(snapshots);
    const file = join(snapshots.cacheDir as string, name);
    const text = await readFile(file, 'latin1');
    const header = JSON.parse(text.slice(0, text.indexOf('\n'))) as { hotBytes: number };
    const parsed = text.slice(text.indexOf('\n') + 1, text.indexOf('\n') + 1 + header.hotBytes);
    expect(parsed).toContain('beta-two');
    expect(parsed).not.toContain('exploded badly');
    // beta-two's plan record (its regex source) lives in a lazy blob: damage it, same length
    const at = text.lastIndexOf('"terms":["beta-two exploded');
    expect(at).toBeGreaterThan(header.hotBytes);
    await writeFile(file, `${text.slice(0, at + 10)}B${text.slice(at + 11)}`, 'latin1');

    const stored = await loadCatalog(dir, { snapshots });
    // a paste that hits only alpha-one's literal never reads beta-two's record
    expect(diagnose('alpha-one exploded badly', stored).matches[0]?.id).toBe('alpha-one');
    expect(() => diagnose('beta-two exploded badly', stored)).toThrow(`knowledge snapshot ${file} is damaged`);
  });

  it('refuses to write a plan whose signatures are not in incident order (a load numbers them back by incident)', async () => {
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one'), 'beta-two.yaml': incidentData('beta-two') });
    temporary.push(dir);
    const { knowledge } = await compileCatalog([dir]);
    const reordered = { ...knowledge, plan: { ...knowledge.plan, signatures: [...knowledge.plan.signatures].reverse() } };
    await expect(writeSnapshotFile(join(await cacheDir(), 'x.snapshot'), [dir], 'key', reordered)).rejects.toThrow(/incident order/);
  });

  it('keys the layering too: the same folders in another order are other knowledge', async () => {
    const snapshots = await options();
    const base = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one') });
    const team = await knowledgeDir({ 'beta-two.yaml': incidentData('beta-two') });
    temporary.push(base, team);
    const layered = await loadCatalog([base, team], { snapshots });
    expect((await readSnapshot([base, team], snapshots)).snapshot).toBeDefined();
    expect((await readSnapshot([team, base], snapshots)).snapshot).toBeUndefined();
    const again = await loadCatalog([base, team], { snapshots });
    expect([...again.layers]).toEqual([...layered.layers]);
    expect([...again.files]).toEqual([...layered.files]);
  });

  it('is found wherever the folder now lives (paths are stored relative to it)', async () => {
    const snapshots = await options();
    const first = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one') });
    const moved = await mkdtemp(join(tmpdir(), 'kubetriage-kb-moved-'));
    temporary.push(first, moved);
    await cp(first, moved, { recursive: true });
    const bundledFile = join(await cacheDir(), 'knowledge.snapshot');
    // what the build does: one snapshot for the folder, shipped with the code
    await loadCatalog(first, { snapshots: { codeId: snapshots.codeId, cacheDir: join(bundledFile, '..') } });
    const [name] = await readdir(join(bundledFile, '..'));
    await cp(join(bundledFile, '..', name as string), bundledFile);
    const stored = await readSnapshot([moved], { codeId: snapshots.codeId, bundledFile });
    expect(stored.snapshot?.loaded.files[0]?.file).toBe(join(moved, 'incidents', 'alpha-one.yaml'));
  });

  it('still loads when the cache folder cannot be written', async () => {
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one') });
    temporary.push(dir);
    // a path under a regular file cannot be created, not even by root (the tests may run as root)
    const blocker = join(await cacheDir(), 'a-file');
    await writeFile(blocker, '');
    const kb = await loadCatalog(dir, { snapshots: { codeId: 'build-1', cacheDir: join(blocker, 'cache') } });
    expect(kb.incidents.map((i) => i.id)).toEqual(['alpha-one']);
    expect(await readdir(join(blocker, '..'))).toEqual(['a-file']);
  });
});
