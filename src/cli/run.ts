import { parseArgs } from 'node:util';
import type { ClusterEnv } from '../config.js';
import { DEFAULT_RUNNER_UPS } from '../diagnose/score.js';
import { KnowledgeError, KubetriageError } from '../errors.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../knowledge/default-dir.js';
import { type Catalog, loadCatalog } from '../triage/catalog.js';
import { defaultSnapshotOptions } from '../triage/knowledge-snapshot.js';
// Only what a paste-only diagnose needs is imported up front; the cluster stack (client-node),
// zod (config, the knowledge loader), Redis and the kb tooling load when a command asks for them.
import { diagnoseCommand } from './commands/diagnose.js';
import { runbookCommand } from './commands/runbook.js';
import { EXIT, EXIT_CODES_HELP, exitForError } from './exit-codes.js';
import type { CliIo } from './io.js';

export const USAGE = `usage: kubetriage <command> [options]

  diagnose [--json] [--top N] [--cluster NAME] [FILE...]
                                          match pasted error text (stdin when no FILE or "-");
                                          with --cluster, verify a confident match on that cluster
  check --cluster NAME --incident ID [--json]
                                          read-only checks that confirm or refute an incident
  scan --cluster NAME [--json]            the known incidents present now, from the cluster's
                                          node conditions, Warning events and system logs
  upgrade-check --cluster NAME [--to X.Y] [--json]
                                          pre-upgrade risk report
  clusters [--json]                       the allowed clusters and whether each answers
  rbac                                    the read-only RBAC the checks need (all of deploy/rbac.yaml)
  runbook <words...> [--json]             typo-tolerant runbook search
  kb lint                                 validate every knowledge file (schema, regex safety)
  kb test [--id ID]                       run every entry's examples
  kb stats [--json] [--data DIR | --redis URL]
                                          counts, gaps in evidence and examples, and the bot's
                                          hits, feedback and unmatched pastes (DIR: data/)
  kb list                                 every incident id and title (and its folder, with --kb)
  kb new --from-paste FILE | --from-unmatched FINGERPRINT [--id ID] [--dir DIR]
                                          scaffold a team entry from a real paste: signatures with
                                          the volatile parts generalised, the paste as its example,
                                          TODO(kubetriage) where a person must write (kb lint
                                          refuses it until then); written to DIR/incidents/, or stdout

  --kb DIR        a team knowledge folder loaded on top of the bundled one (repeat for several;
                  KUBETRIAGE_KNOWLEDGE_DIRS=dir1:dir2 does the same); an entry that reuses a
                  bundled id must say replaces: <id>
  --kb-base DIR   a knowledge folder used instead of the bundled one
  clusters come from KUBECONFIG, narrowed by KUBETRIAGE_CLUSTERS (see README)
  -h, --help

${EXIT_CODES_HELP}`;

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
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? EXIT.ok : EXIT.usage;
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
        return await kbCommand(rest[0], dirs, values, io);
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
      help: { type: 'boolean', short: 'h' },
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
  values: { json?: boolean; id?: string; data?: string; redis?: string; 'from-paste'?: string; 'from-unmatched'?: string; dir?: string },
  io: CliIo,
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
      return kbLintCommand(dir, io);
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
