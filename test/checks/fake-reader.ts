import type { ClusterReader, ReadFailure, ReadResult, TextOptions } from '../../src/cluster/reader.js';
import { answerGet } from '../fakes/api-answer.js';

/**
 * What a path answers. Data (an object or List, keyed by its path WITHOUT a query) goes through
 * the API server's rules in answerGet: selectors, limit/continue, List kinds, 404 Status. The
 * faults below may be keyed by an exact URL with its query, to break one request only.
 */
export type Answer = unknown | Fault;
export type Fault =
  | { fail: ReadFailure; message?: string }
  /** honours the abort signal: answers timeout when it fires */
  | { hang: true }
  /** ignores the abort signal and never settles: the case the verification's budget race exists for */
  | { stall: true }
  /** the read itself throws (a transport bug), so the check throws */
  | { throws: string };

const isFault = (a: unknown): a is Fault =>
  typeof a === 'object' && a !== null && ('fail' in a || 'hang' in a || 'stall' in a || 'throws' in a);

/** Every path any check asked for in this test run: the read-only test inspects them all. */
export const ALL_READS: string[] = [];

/** How the HTTPS transport words a non-2xx answer (src/cluster/https-transport.ts), so both fakes fail alike. */
function failureOf(status: number, body: unknown): Extract<ReadResult, { ok: false }> {
  const message = (body as { message?: string }).message ?? `answered ${status}`;
  const failure: ReadFailure =
    status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 404 ? 'not-found' : 'unreachable';
  return { ok: false, failure, message: failure === 'unreachable' ? `the API server answered ${status}: ${message}` : message, status };
}

/** The in-memory port: answers like kube-apiserver from a path table, records every URL asked, in order. */
export function fakeReader(routes: Record<string, Answer>, cluster = 'fixture'): ClusterReader & { asked: string[] } {
  const data = new Map<string, unknown>();
  for (const [path, answer] of Object.entries(routes)) {
    if (isFault(answer)) continue;
    if (path.includes('?'))
      throw new Error(`fake reader: route "${path}" has a query; key data by its path and let the fake apply the query`);
    data.set(path, answer);
  }
  const asked: string[] = [];
  return {
    cluster,
    asked,
    async get<T>(path: string, signal?: AbortSignal): Promise<ReadResult<T>> {
      asked.push(path);
      ALL_READS.push(path);
      const fault = [routes[path], routes[path.split('?')[0] as string]].find(isFault);
      if (fault && 'stall' in fault) return new Promise(() => undefined);
      if (fault && 'hang' in fault) {
        return new Promise((resolve) =>
          signal?.addEventListener('abort', () => resolve({ ok: false, failure: 'timeout', message: 'aborted' })),
        );
      }
      if (fault && 'throws' in fault) throw new Error(fault.throws);
      if (fault) return { ok: false, failure: fault.fail, message: fault.message ?? fault.fail };
      const answer = answerGet(data, path);
      if (answer.status >= 300) return failureOf(answer.status, answer.body);
      return { ok: true, value: answer.body as T };
    },
    async getText(path: string, signal?: AbortSignal, options?: TextOptions): Promise<ReadResult<string>> {
      const result = await this.get<unknown>(path, signal);
      if (!result.ok) return result;
      if (typeof result.value !== 'string') return { ok: false, failure: 'malformed', message: 'not text' };
      // as the HTTPS transport does: keep maxBytes, say it was cut
      const bytes = Buffer.from(result.value);
      if (options?.maxBytes !== undefined && bytes.length > options.maxBytes)
        return { ok: true, value: bytes.subarray(0, options.maxBytes).toString('utf8'), truncated: true };
      return { ok: true, value: result.value };
    },
  };
}

export const FORBIDDEN = {
  fail: 'forbidden' as const,
  message: 'configmaps "kubeadm-config" is forbidden: User "system:serviceaccount:kubetriage:kubetriage" cannot get resource "configmaps"',
};
export const HANG = { hang: true as const };
export const STALL = { stall: true as const };
