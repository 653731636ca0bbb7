import { KubetriageError } from '../errors.js';
import type { Outcome } from '../triage/triage.js';

/** Refusals are input errors (exit 2): an unknown or disallowed cluster, an unknown incident. */
export function orRefused<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new KubetriageError('UNKNOWN_CLUSTER', outcome.refusal);
  return outcome.value;
}
