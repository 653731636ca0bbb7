import type { ClusterReader } from '../cluster/reader.js';
import type { Incident, VerificationStep } from '../knowledge/schema.js';
import type { CheckContext, CheckOutcome, Observation } from './check.js';
import { CHECKS } from './index.js';

export type Verdict = 'confirmed' | 'refuted' | 'inconclusive' | 'not-applicable';

export interface CheckReport {
  id: string;
  role: 'required' | 'supporting';
  status: CheckOutcome['status'];
  observations: Observation[];
  reason?: string;
  durationMs: number;
}

export interface VerificationReport {
  cluster: string;
  incident: string;
  verdict: Verdict;
  /** what could not be read, and why (inconclusive), what ruled it out (refuted), or which condition does not hold (not-applicable) */
  reasons: string[];
  checks: CheckReport[];
  durationMs: number;
}

export interface VerifyOptions {
  /** the whole verification's time budget */
  budgetMs?: number;
  /** the knowledge base bound to the incident being verified, for the checks that read live text */
  context?: CheckContext;
}

export const DEFAULT_BUDGET_MS = 15_000;

/** Said when every step is supporting: observations without a required check can neither confirm nor refute. */
export const NO_REQUIRED_CHECK = 'no required check: supporting checks alone cannot confirm or refute this incident';

/**
 * Runs an incident's checks in parallel through the read-only port. A check that throws or runs
 * out of time becomes `unknown` with a reason; the others still report. Required checks decide:
 * all present confirms, any absent refutes, anything else is inconclusive.
 */
export async function verifyIncident(incident: Incident, reader: ClusterReader, options: VerifyOptions = {}): Promise<VerificationReport> {
  const steps = incident.verification?.checks ?? [];
  if (steps.length === 0) {
    const why = incident.evidenceNote ?? 'this incident has no cluster verification';
    return { cluster: reader.cluster, incident: incident.id, verdict: 'inconclusive', reasons: [why], checks: [], durationMs: 0 };
  }

  return { cluster: reader.cluster, incident: incident.id, ...(await runVerification(steps, reader, options)) };
}

/**
 * The verdict for an incident that names the only distributions it can happen on, when the
 * cluster was recognised as another: not inconclusive (the cluster was read), not refuted (nothing
 * was ruled out), but not applicable, with the condition and the evidence. Undefined otherwise.
 */
export function notApplicable(
  incident: Incident,
  cluster: string,
  seen: { name: string; evidence: string[] },
  durationMs: number,
): VerificationReport | undefined {
  const platforms: readonly string[] = incident.verification?.platforms ?? [];
  if (platforms.length === 0 || seen.name === 'unknown' || platforms.includes(seen.name)) return undefined;
  const why = `applies only to ${platforms.join(' or ')} clusters; ${cluster} is ${seen.name} (${seen.evidence.join('; ') || 'no evidence recorded'})`;
  return { cluster, incident: incident.id, verdict: 'not-applicable', reasons: [why], checks: [], durationMs };
}

/** The shared engine: also evaluates upgrade preconditions (/upgrade-check). */
export async function runVerification(
  steps: VerificationStep[],
  reader: ClusterReader,
  options: VerifyOptions = {},
): Promise<Pick<VerificationReport, 'verdict' | 'reasons' | 'checks' | 'durationMs'>> {
  const started = performance.now();
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const budget = AbortSignal.timeout(budgetMs);
  const checks = await Promise.all(
    steps.map(async (step): Promise<CheckReport> => {
      const t = performance.now();
      const check = CHECKS.get(step.check);
      const outcome = check
        ? await runGuarded(() => check.run(reader, check.params.parse(step.params), budget, options.context), budget, budgetMs)
        : unknownCheck(step.check);
      return { id: step.check, role: step.role, ...outcome, durationMs: Math.round(performance.now() - t) };
    }),
  );
  return { ...decide(checks), checks, durationMs: Math.round(performance.now() - started) };
}

/** Only required checks decide; supporting ones are shown, never counted. */
function decide(checks: CheckReport[]): { verdict: Verdict; reasons: string[] } {
  const required = checks.filter((c) => c.role === 'required');
  const absent = required.filter((c) => c.status === 'absent');
  if (absent.length > 0) return { verdict: 'refuted', reasons: absent.map((c) => `${c.id}: the cluster shows the healthy state`) };
  if (required.length === 0) return { verdict: 'inconclusive', reasons: [NO_REQUIRED_CHECK] };
  const unknown = required.filter((c) => c.status !== 'present');
  if (unknown.length === 0) return { verdict: 'confirmed', reasons: [] };
  return { verdict: 'inconclusive', reasons: unknown.map((c) => `${c.id}: ${c.reason ?? 'unknown'}`) };
}

/**
 * Races the check against the budget itself: a check that ignores its abort signal (a read that
 * never settles, a loop) must not hold the whole verification past its budget.
 */
async function runGuarded(run: () => Promise<CheckOutcome>, budget: AbortSignal, budgetMs: number): Promise<CheckOutcome> {
  // Every step starts in the same tick as the budget, so the signal cannot have fired yet.
  const overBudget = new Promise<CheckOutcome>((resolve) => {
    const stop = () => resolve({ status: 'unknown', observations: [], reason: `timeout: over the verification budget of ${budgetMs} ms` });
    budget.addEventListener('abort', stop);
  });
  try {
    return await Promise.race([run(), overBudget]);
  } catch (error) {
    return { status: 'unknown', observations: [], reason: failureReason(error) };
  }
}

/** A TypeError in a check is an answer it could not read (a 200 with the wrong shape), not a crash to show. */
function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof TypeError ? `unexpected answer from the cluster (${message})` : `the check failed: ${message}`;
}

function unknownCheck(id: string): CheckOutcome {
  return { status: 'unknown', observations: [], reason: `no check named ${id}` };
}
