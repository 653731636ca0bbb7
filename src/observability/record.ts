import type { VerificationReport } from '../checks/verify.js';
import type { Diagnosis } from '../diagnose/types.js';
import type { Metrics } from './metrics.js';

export function recordDiagnosis(metrics: Metrics | undefined, diagnosis: Diagnosis): void {
  const incident = diagnosis.verdict === 'match' ? (diagnosis.matches[0]?.id ?? 'none') : 'none';
  metrics?.diagnoses.inc({ verdict: diagnosis.verdict, incident });
}

export function recordVerification(metrics: Metrics | undefined, report: VerificationReport): void {
  if (!metrics) return;
  metrics.verifications.inc({ verdict: report.verdict, cluster: report.cluster });
  for (const check of report.checks) metrics.checkDuration.observe({ check: check.id }, check.durationMs / 1000);
}
