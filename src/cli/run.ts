import { parseArgs } from 'node:util';
import type { ClusterEnv } from '../config.js';
import { DEFAULT_RUNNER_UPS } from '../diagnose/score.js';
import { KnowledgeError, KubetriageError } from '../errors.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../knowledge/default-dir.js';
import { type Catalog, loadCatalog } from '../triage/catalog.js';
import { cacheFolder, defaultSnapshotOptions } from '../triage/knowledge-snapshot.js';
// Only what a paste-only diagnose needs is imported up front; the cluster stack (client-node),
// zod (config, the knowledge loader), Redis and the kb tooling load when a command asks for them.
import { diagnoseCommand } from './commands/diagnose.js';
import { runbookCommand } from './commands/runbook.js';
import { EXIT, exitForError } from './exit-codes.js';
import { commandHelp, packageVersion, USAGE } from './help.js';
import type { CliIo } from './io.js';

export { USAGE } from './help.js';

/** Parses argv, runs one command, returns the exit code. Never calls process.exit itself. */
export async function runCli(argv: string[], io: CliIo, env: Record<string, string | undefined> = {}): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.err(`kubetriage: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.version) {
    io.out(`kubetriage ${packageVersion()}`);
    return EXIT.ok;
  }
  // kubetriage help [command] and kubetriage <command> --help
  const helpFor = command === 'help' ? rest[0] : values.help ? command : undefined;
  if (command === 'help' || values.help || !command) {
    const text = helpFor ? commandHelp(helpFor) : USAGE;
    if (helpFor && !text) {
      io.err(`kubetriage: unknown command "${helpFor}"\n\n${USAGE}`);
      return EXIT.usage;
    }
    // asked for help: stdout, success; no command at all: a usage error
    const asked = values.help || command === 'help';
    (asked ? io.out : io.err)(text ?? USAGE);
    return asked ? EXIT.ok : EXIT.usage;
  }
  const dirs = knowledgeDirs(values, env);
  const dir = dirs.length === 1 ? (dirs[0] as string) : dirs;
  const where = dirs.join(', ');
  const loadKb = async (): Promise<Catalog> => loadCatalog(dir, { snapshots: await defaultSnapshotOptions(env) });
  const clusterEnvOf = async (): Promise<ClusterEnv> => (await import('../config.js')).loadClusterEnv(env);
  try {
    switch (command) {
      case 'diagnose': {
        const top = Number(values.top ?? 1 + DEFAULT_RUNNER_UPS);
        if (!Number.isInteger(top) || top < 1 || top > 20) throw new KubetriageError('USAGE', '--top takes a whole number from 1 to 20');
        const kb = await loadKb();
        const clusterEnv = values.cluster ? await clusterEnvOf() : undefined;
        return await diagnoseCommand({ files: rest, json: values.json ?? false, top, cluster: values.cluster, clusterEnv }, kb, io);
      }
      case 'runbook':
        return runbookCommand(rest, values.json ?? false, await loadKb(), io);
      case 'check':
        if (!values.cluster || !values.incident) throw new KubetriageError('USAGE', 'check needs --cluster NAME and --incident ID');
        return await (await import('./commands/cluster.js')).checkCommand(
          values.cluster,
          values.incident,
          values.json ?? false,
          await loadKb(),
          await clusterEnvOf(),
          io,
        );
      case 'scan':
        if (!values.cluster) throw new KubetriageError('USAGE', 'scan needs --cluster NAME');
        return await (await import('./commands/scan.js')).scanCommand(
          values.cluster,
          values.json ?? false,
          await loadKb(),
          await clusterEnvOf(),
          io,
        );
      case 'upgrade-check':
        if (!values.cluster) throw new KubetriageError('USAGE', 'upgrade-check needs --cluster NAME (and optionally --to X.Y)');
        return await (await import('./commands/upgrade-check.js')).upgradeCheckCommand(
          values.cluster,
          values.to,
          values.json ?? false,
          await loadKb(),
          await clusterEnvOf(),
          io,
        );
      case 'clusters':
        return await (await import('./commands/cluster.js')).clustersCommand(
          values.json ?? false,
          await loadKb(),
          await clusterEnvOf(),
          io,
        );
      case 'rbac':
        return (await import('./commands/cluster.js')).rbacCommand(await loadKb(), io);
      case 'kb':
        return await kbCommand(rest[0], dirs, values, io, cacheFolder(env));
      default:
        io.err(`kubetriage: unknown command "${command}"\n\n${USAGE}`);
        return EXIT.usage;
    }
  } catch (error) {
    if (error instanceof KnowledgeError) {
      io.err(`kubetriage: the knowledge base in ${where} is invalid:\n${error.message}`);
      return EXIT.usage;
    }
    if (error instanceof KubetriageError) {
      io.err(`kubetriage: ${error.message}`);
      return exitForError(error);
    }
    throw error;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      top: { type: 'string' },
      kb: { type: 'string', multiple: true },
      'kb-base': { type: 'string' },
      id: { type: 'string' },
      data: { type: 'string' },
      redis: { type: 'string' },
      cluster: { type: 'string' },
      incident: { type: 'string' },
      to: { type: 'string' },
      'from-paste': { type: 'string' },
      'from-unmatched': { type: 'string' },
      dir: { type: 'string' },
      'no-cache': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
    },
  });
}

/** The base (bundled, or --kb-base / KUBETRIAGE_KNOWLEDGE_DIR), then the team folders: KUBETRIAGE_KNOWLEDGE_DIRS, then each --kb. */
function knowledgeDirs(values: { kb?: string[]; 'kb-base'?: string }, env: Record<string, string | undefined>): string[] {
  const base = values['kb-base'] ?? env.KUBETRIAGE_KNOWLEDGE_DIR ?? BUNDLED_KNOWLEDGE_DIR;
  const fromEnv = (env.KUBETRIAGE_KNOWLEDGE_DIRS ?? '').split(':').filter(Boolean);
  return [base, ...fromEnv, ...(values.kb ?? [])];
}

async function kbCommand(
  sub: string | undefined,
  dir: string[],
  values: {
    json?: boolean;
    id?: string;
    data?: string;
    redis?: string;
    'from-paste'?: string;
    'from-unmatched'?: string;
    dir?: string;
    'no-cache'?: boolean;
  },
  io: CliIo,
  cacheDir: string | undefined,
): Promise<number> {
  if (sub === 'new') {
    const { kbNewCommand } = await import('./commands/kb-new.js');
    return kbNewCommand(
      dir,
      {
        dataDir: values.data ?? 'data',
        ...(values.redis ? { redisUrl: values.redis } : {}),
        ...(values['from-paste'] ? { fromPaste: values['from-paste'] } : {}),
        ...(values['from-unmatched'] ? { fromUnmatched: values['from-unmatched'] } : {}),
        ...(values.id ? { id: values.id } : {}),
        ...(values.dir ? { dir: values.dir } : {}),
      },
      io,
    );
  }
  const { kbLintCommand, kbListCommand, kbStatsCommand, kbTestCommand } = await import('./commands/kb.js');
  switch (sub) {
    case 'lint':
      return kbLintCommand(dir, io, cacheDir, values['no-cache'] ?? false);
    case 'test':
      return kbTestCommand(dir, values.id, io);
    case 'stats':
      return kbStatsCommand(dir, values.data ?? 'data', values.redis, values.json ?? false, io);
    case 'list':
      return kbListCommand(dir, io);
    default:
      io.err(`kubetriage kb: expected lint, test, stats, list or new\n\n${USAGE}`);
      return EXIT.usage;
  }
}
