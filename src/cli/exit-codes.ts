import type { Verdict } from '../checks/verify.js';
import type { KubetriageError } from '../errors.js';

/**
 * What the exit code tells a CI gate, one meaning each (documented in the README and --help):
 * a gate can tell "unsafe upgrade" from "broken tool" and "could not see" from "all clear".
 */
export const EXIT = {
  /** the command ran; nothing found (no Required risk, incident refuted, lint clean) */
  ok: 0,
  /** the command ran and found something: incident confirmed, a Required upgrade risk, lint or example failures */
  finding: 1,
  /** bad flags or input: unknown command, cluster or incident, an unreadable file, an invalid knowledge folder */
  usage: 2,
  /** the cluster could not be read well enough to say: verdict inconclusive, cluster unreachable */
  inconclusive: 3,
  /** the incident cannot happen on this kind of cluster (an EKS-only incident on kOps): nothing to find */
  notApplicable: 4,
  /** a bug in kubetriage (EX_SOFTWARE) */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitForVerdict(verdict: Verdict): ExitCode {
  if (verdict === 'confirmed') return EXIT.finding;
  if (verdict === 'refuted') return EXIT.ok;
  if (verdict === 'not-applicable') return EXIT.notApplicable;
  return EXIT.inconclusive;
}

/** Errors that mean the cluster could not be read; every other coded error is the caller's input. */
export function exitForError(error: KubetriageError): ExitCode {
  return error.code === 'CLUSTER_UNREADABLE' ? EXIT.inconclusive : EXIT.usage;
}

export const EXIT_CODES_HELP = `exit codes:
  0  ran, nothing found (incident refuted, no Required risk, lint clean)
  1  finding: incident confirmed, Required upgrade risk, lint or example failures
  2  usage or input error (unknown command, cluster or incident; unreadable file; invalid knowledge folder)
  3  inconclusive: the cluster could not be read well enough to decide
  4  not applicable: the incident cannot happen on this kind of cluster
  70 internal error`;
