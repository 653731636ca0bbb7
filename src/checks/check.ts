import type { z } from 'zod';
import type { ClusterReader } from '../cluster/reader.js';

/** One observation, as data: which object, which field, what was seen, what the incident looks like. */
export interface Observation {
  object: string;
  field: string;
  observed: unknown;
  expected?: string;
}

/** present: the incident's condition is observed; absent: the healthy state is observed; unknown: not enough could be read. */
export type CheckStatus = 'present' | 'absent' | 'unknown';

export interface CheckOutcome {
  status: CheckStatus;
  observations: Observation[];
  /** for unknown: why (read failures, nothing to inspect) */
  reason?: string;
}

/** What a check reads, declared so the read-only RBAC can be generated from the checks themselves. */
export type ReadDeclaration =
  | { apiGroup: string; resource: string; verb: 'get' | 'list'; namespace?: string; name?: string }
  | { nonResourceURL: string };

export interface Check<P> {
  id: string;
  description: string;
  params: z.ZodType<P>;
  reads(params: P): ReadDeclaration[];
  run(reader: ClusterReader, params: P, signal: AbortSignal): Promise<CheckOutcome>;
}

/** Loosely typed so the registry can hold checks with different parameters. */
// biome-ignore lint/suspicious/noExplicitAny: each check validates its own params with zod before run()
export type AnyCheck = Check<any>;
