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

/** A record of live text (a log line, an event) that the incident's own signatures recognise, redacted. */
export interface RecognisedLine {
  /** 1-based line of the text it starts on */
  line: number;
  text: string;
  signature: string;
}

/**
 * What a check may ask of the knowledge base without importing the matcher: the verification
 * layer binds it to the incident being verified, so "its signatures appear in these logs" is one
 * generic check for every entry.
 */
export interface CheckContext {
  /** the records of `text` by which the incident is recognised (the matcher's own verdict); empty when it is not */
  recognise(text: string): RecognisedLine[];
}

export interface Check<P> {
  id: string;
  description: string;
  params: z.ZodType<P>;
  reads(params: P): ReadDeclaration[];
  run(reader: ClusterReader, params: P, signal: AbortSignal, context?: CheckContext): Promise<CheckOutcome>;
}

/** Loosely typed so the registry can hold checks with different parameters. */
// biome-ignore lint/suspicious/noExplicitAny: each check validates its own params with zod before run()
export type AnyCheck = Check<any>;
