import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readActivity } from '../../activity/activity-log.js';
import { KubetriageError } from '../../errors.js';
import { loadCatalog } from '../../triage/catalog.js';
import { scaffoldIncident } from '../../triage/scaffold.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { readFromRedis } from './kb.js';

export interface KbNewOptions {
  fromPaste?: string;
  fromUnmatched?: string;
  id?: string;
  /** a team knowledge folder: the entry is written to DIR/incidents/ID.yaml; without it, stdout */
  dir?: string;
  /** where the bot's activity is (for --from-unmatched): a data folder, or Redis for several replicas */
  dataDir: string;
  redisUrl?: string;
}

async function readAll(io: CliIo, path: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.read(path)) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The redacted sample the bot kept for a paste, by (a prefix of) its fingerprint: an unmatched
 * paste (kb stats lists them), or one someone marked "Not this".
 */
async function unmatchedSample(source: { dataDir: string; redisUrl?: string }, fingerprint: string): Promise<string> {
  const { records } = source.redisUrl ? await readFromRedis(source.redisUrl) : await readActivity(source.dataDir);
  // never the Redis URL itself: it may carry a password
  const dataDir = source.redisUrl ? 'Redis' : source.dataDir;
  const byPaste = new Map<string, { paste: string; sample: string }>();
  for (const r of records)
    if (r.type === 'diagnosis' && r.paste.startsWith(fingerprint)) byPaste.set(r.paste, { paste: r.paste, sample: r.sample });
  const found = [...byPaste.values()];
  if (found.length === 0)
    throw new KubetriageError('USAGE', `no unmatched paste with fingerprint ${fingerprint} in ${dataDir} (see kubetriage kb stats)`);
  if (found.length > 1)
    throw new KubetriageError('USAGE', `fingerprint ${fingerprint} is ambiguous: ${found.map((u) => u.paste.slice(0, 16)).join(', ')}`);
  return (found[0] as { sample: string }).sample;
}

/** kb new: a team entry scaffolded from a real paste (a file, or an unmatched paste the bot saw). */
export async function kbNewCommand(dirs: string[], options: KbNewOptions, io: CliIo): Promise<number> {
  if (Boolean(options.fromPaste) === Boolean(options.fromUnmatched))
    throw new KubetriageError('USAGE', 'kb new needs exactly one of --from-paste FILE or --from-unmatched FINGERPRINT');
  if (options.id !== undefined && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(options.id))
    throw new KubetriageError('USAGE', `--id ${options.id}: must be kebab-case (lowercase letters, digits, dashes)`);
  const source = { dataDir: options.dataDir, ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}) };
  const text = options.fromPaste ? await readAll(io, options.fromPaste) : await unmatchedSample(source, options.fromUnmatched as string);
  const kb = await loadCatalog(dirs);
  let scaffold: ReturnType<typeof scaffoldIncident>;
  try {
    scaffold = scaffoldIncident(text, kb, options.id ? { id: options.id } : {});
  } catch (error) {
    throw new KubetriageError('USAGE', (error as Error).message);
  }
  if (kb.byId.has(scaffold.id) && !options.id)
    throw new KubetriageError('USAGE', `"${scaffold.id}" is already an incident: choose one with --id`);
  for (const warning of scaffold.warnings) io.err(`kb new: note: ${warning}`);
  if (!options.dir) {
    io.out(scaffold.yaml.trimEnd());
    return EXIT.ok;
  }
  const file = join(options.dir, 'incidents', `${scaffold.id}.yaml`);
  if (existsSync(file)) throw new KubetriageError('USAGE', `${file} exists: kb new never overwrites an entry`);
  await mkdir(join(options.dir, 'incidents'), { recursive: true });
  await writeFile(file, scaffold.yaml);
  io.out(
    `wrote ${file}: fill in every TODO(kubetriage), then kubetriage kb lint --kb ${options.dir} && kubetriage kb test --kb ${options.dir}`,
  );
  return EXIT.ok;
}
