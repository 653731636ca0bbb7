import type { ClusterReader, ReadFailure, ReadResult } from '../../src/cluster/reader.js';

export type Answer = unknown | { fail: ReadFailure; message?: string } | { hang: true };

/** Every path any check asked for in this test run: the read-only test inspects them all. */
export const ALL_READS: string[] = [];

/** The in-memory port: answers from a path table, records every path asked. */
export function fakeReader(routes: Record<string, Answer>, cluster = 'fixture'): ClusterReader & { asked: string[] } {
  const asked: string[] = [];
  return {
    cluster,
    asked,
    async get<T>(path: string, signal?: AbortSignal): Promise<ReadResult<T>> {
      asked.push(path);
      ALL_READS.push(path);
      const answer = routes[path] ?? routes[path.split('?')[0] ?? path];
      if (answer && typeof answer === 'object' && 'hang' in answer) {
        return new Promise((resolve) =>
          signal?.addEventListener('abort', () => resolve({ ok: false, failure: 'timeout', message: 'aborted' })),
        );
      }
      if (answer && typeof answer === 'object' && 'fail' in answer) {
        const a = answer as { fail: ReadFailure; message?: string };
        return { ok: false, failure: a.fail, message: a.message ?? a.fail };
      }
      if (answer === undefined) return { ok: false, failure: 'not-found', message: `${path} not found`, status: 404 };
      return { ok: true, value: answer as T };
    },
    async getText(path: string, signal?: AbortSignal): Promise<ReadResult<string>> {
      const result = await this.get<unknown>(path, signal);
      if (!result.ok) return result;
      return typeof result.value === 'string'
        ? { ok: true, value: result.value }
        : { ok: false, failure: 'malformed', message: 'not text' };
    },
  };
}

export const FORBIDDEN = {
  fail: 'forbidden' as const,
  message: 'configmaps "kubeadm-config" is forbidden: User "system:serviceaccount:kubetriage:kubetriage" cannot get resource "configmaps"',
};
export const HANG = { hang: true as const };
