import type { ClusterReader } from '../cluster/reader.js';
import type { Incident, VerificationStep } from '../knowledge/schema.js';
import type { CheckOutcome, Evidence } from './check.js';
import { CHECKS } from './index.js';

export type Verdict = 'confirmed' | 'refuted' | 'inconclusive';

export interface CheckReport {
  id: string;
  role: 'required' | 'supporting';
  status: CheckOutcome['status'];
  evidence: Evidence[];
  reason?: string;
  durationMs: number;
}

export interface VerificationReport {
  cluster: string;
  incident: string;
  verdict: Verdict;
  /** what could not be read, and why (inconclusive) or what ruled it out (refuted) */
  reasons: string[];
  checks: CheckReport[];
  durationMs: number;
}

export interface VerifyOptions {
  /** the whole verification's time budget */
  budgetMs?: number;
}

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
  return { cluster: reader.cluster, incident: incident.id, ...(await runSteps(steps, reader, options)) };
}

/** The shared engine: also evaluates upgrade preconditions (/upgrade-check). */
export async function runSteps(
  steps: VerificationStep[],
  reader: ClusterReader,
  options: VerifyOptions = {},
): Promise<Pick<VerificationReport, 'verdict' | 'reasons' | 'checks' | 'durationMs'>> {
  const started = performance.now();
  const budget = AbortSignal.timeout(options.budgetMs ?? 15_000);
  const checks = await Promise.all(
    steps.map(async (step): Promise<CheckReport> => {
      const t = performance.now();
      const check = CHECKS.get(step.check);
      const outcome = check
        ? await runGuarded(() => check.run(reader, check.params.parse(step.params), budget), budget)
        : unknownCheck(step.check);
      return { id: step.check, role: step.role, ...outcome, durationMs: Math.round(performance.now() - t) };
    }),
  );
  const required = checks.filter((c) => c.role === 'required');
  const absent = required.filter((c) => c.status === 'absent');
  const unknown = required.filter((c) => c.status === 'unknown');
  const verdict: Verdict = absent.length > 0 ? 'refuted' : unknown.length === 0 && required.length > 0 ? 'confirmed' : 'inconclusive';
  const reasons =
    verdict === 'refuted'
      ? absent.map((c) => `${c.id}: the cluster shows the healthy state`)
      : unknown.map((c) => `${c.id}: ${c.reason ?? 'unknown'}`);
  return { verdict, reasons, checks, durationMs: Math.round(performance.now() - started) };
}

async function runGuarded(run: () => Promise<CheckOutcome>, budget: AbortSignal): Promise<CheckOutcome> {
  const timedOut = new Promise<CheckOutcome>((resolve) => {
    const stop = () => resolve({ status: 'unknown', evidence: [], reason: 'timeout: the verification budget ran out' });
    if (budget.aborted) stop();
    else budget.addEventListener('abort', stop, { once: true });
  });
  try {
    return await Promise.race([run(), timedOut]);
  } catch (error) {
    return { status: 'unknown', evidence: [], reason: `the check failed: ${(error as Error).message}` };
  }
}

function unknownCheck(id: string): CheckOutcome {
  return { status: 'unknown', evidence: [], reason: `no check named ${id}` };
}
