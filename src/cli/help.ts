import { readFileSync } from 'node:fs';
import { EXIT_CODES_HELP } from './exit-codes.js';

/** What every command shares: where the knowledge and the clusters come from. */
const COMMON = `  --kb DIR        a team knowledge folder loaded on top of the bundled one (repeat for several;
                  KUBETRIAGE_KNOWLEDGE_DIRS=dir1:dir2 does the same); an entry that reuses a
                  bundled id must say replaces: <id>
  --kb-base DIR   a knowledge folder used instead of the bundled one
  clusters come from KUBECONFIG, narrowed by KUBETRIAGE_CLUSTERS (see README)`;

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
                                          scaffold a team entry from a real paste

${COMMON}
  -h, --help      this text; kubetriage <command> --help for one command
  --version       the version

${EXIT_CODES_HELP}`;

/** One command's help: what it does, its options, and a line to copy. */
const COMMANDS: Record<string, string> = {
  diagnose: `usage: kubetriage diagnose [--json] [--top N] [--cluster NAME] [FILE...]

Matches pasted error text (log lines, kubectl output, events) against the knowledge base and
prints the incident, why it matched, what to do now, the root cause and the sources. Reads stdin
when no FILE is given or FILE is "-"; every line of a long log is read, in bounded memory.

  --json          one JSON object per input (formatVersion 1, see "JSON output" in the README)
  --top N         how many candidates to list, 1-20 (default 4)
  --cluster NAME  verify a confident match on that cluster with read-only checks

examples:
  kubectl -n kube-system logs aws-node-x7k2p | kubetriage diagnose
  kubetriage diagnose --json kubelet.log events.txt`,
  check: `usage: kubetriage check --cluster NAME --incident ID [--json]

Runs one incident's read-only checks on a cluster and says whether they confirm or refute it,
with the evidence (a flag, a field, an annotation, a node condition, the error in live logs).

example:
  kubetriage check --cluster prod-eu --incident vpc-cni-irsa-annotation-missing`,
  scan: `usage: kubetriage scan --cluster NAME [--json]

Reads the cluster's node conditions, recent Warning events and system-pod logs (read-only) and
lists the known incidents present now, most severe first. Shows progress on a terminal.

example:
  kubetriage scan --cluster staging --json > scan.json`,
  'upgrade-check': `usage: kubetriage upgrade-check --cluster NAME [--to X.Y] [--json]

A pre-upgrade risk report for the cluster: removed APIs still requested, version skew, and the
known upgrade incidents that apply, with the phase to do now. --to defaults to the next minor.

example:
  kubetriage upgrade-check --cluster prod-eu --to 1.31`,
  clusters: `usage: kubetriage clusters [--json]

The clusters checks may read (KUBECONFIG contexts, narrowed by KUBETRIAGE_CLUSTERS) and whether
each answers now.`,
  rbac: `usage: kubetriage rbac

Prints the read-only ClusterRole the checks need, generated from the reads they declare (only
GET, never Secrets): the same as deploy/rbac.yaml.`,
  runbook: `usage: kubetriage runbook <words...> [--json]

Typo-tolerant search of the knowledge base by id, title, keywords, components and symptoms.

example:
  kubetriage runbook etcd space exceeded`,
  kb: `usage: kubetriage kb <lint [--no-cache] | test [--id ID] | stats [--json] [--data DIR | --redis URL] | list | new ...>

  lint    validate every knowledge file: schema, references, regex safety, example minimums;
          a pattern's ReDoS verdict is reused from the build or the cache unless --no-cache
  test    run every entry's examples (match and noMatch) through the matcher; progress on a terminal
  stats   counts, gaps in evidence and examples, and the bot's hits, feedback and unmatched pastes
  list    every incident id and title (and its folder, with --kb)
  new     scaffold a team entry from a real paste:
          kb new --from-paste FILE | --from-unmatched FINGERPRINT [--id ID] [--dir DIR]
          signatures with the volatile parts generalised, the paste as its example, and
          TODO(kubetriage) where a person must write (kb lint refuses it until then)

${COMMON}`,
};

export function commandHelp(command: string): string | undefined {
  return Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
}

/** Read only when asked: the CLI's start-up does not pay for it. */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
