import { type LogQuery, paths } from './api-paths.js';
import type { ClusterReader, ReadResult } from './reader.js';

/** One container log as read: its lines without the kubelet's time prefix, and each line's time. */
export interface ContainerLog {
  lines: string[];
  /** the RFC 3339 time the kubelet recorded for each line (undefined where it had none) */
  times: Array<string | undefined>;
  /** the byte cap cut it: older lines in the window were not read */
  truncated: boolean;
  bytes: number;
}

const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) /;

/**
 * The recent log of one container, bounded three ways (lines, age and bytes) by the API server
 * and once more here, so a server that ignores limitBytes still cannot make us buffer more.
 */
export async function readContainerLog(
  reader: ClusterReader,
  namespace: string,
  pod: string,
  query: LogQuery,
  signal?: AbortSignal,
): Promise<ReadResult<ContainerLog>> {
  let path: string;
  try {
    path = paths.podLog(namespace, pod, query);
  } catch (error) {
    // names come from the API server's own answers: one that is no path segment ("..") is refused, not sent
    return { ok: false, failure: 'refused-by-policy', message: (error as Error).message };
  }
  const result = await reader.getText(path, signal, { maxBytes: query.limitBytes });
  if (!result.ok) return result;
  const text = result.value;
  const bytes = Buffer.byteLength(text);
  const raw = text.split('\n');
  if (raw.at(-1) === '') raw.pop();
  const lines: string[] = [];
  const times: Array<string | undefined> = [];
  for (const line of raw) {
    const stamp = STAMP.exec(line);
    lines.push(stamp ? line.slice(stamp[0].length) : line);
    times.push(stamp?.[1]);
  }
  return { ok: true, value: { lines, times, truncated: result.truncated === true || bytes >= query.limitBytes, bytes } };
}

/**
 * A container log as the paste a user makes of it: the command that printed it, then the log.
 * Where a line came from is part of its meaning (an NGINX timeout read from the ingress
 * controller's pod is the controller's, which the line alone cannot say), so a signature that asks
 * for Kubernetes context in the paste finds it in the command, as it would in the user's paste.
 */
export function logAsPaste(
  namespace: string,
  pod: string,
  query: Pick<LogQuery, 'container' | 'previous'>,
  lines: readonly string[],
): string {
  return pasteAfter(logCommand(namespace, pod, query), lines);
}

/** The `kubectl logs` line that prints this container's log. */
export function logCommand(namespace: string, pod: string, query: Pick<LogQuery, 'container' | 'previous'>): string {
  return `$ kubectl logs -n ${namespace} ${pod} -c ${query.container}${query.previous ? ' --previous' : ''}`;
}

/** The log's lines after the command that printed them: the text `logAsPaste` gives. */
export function pasteAfter(command: string, lines: readonly string[]): string {
  return [command, ...lines].join('\n');
}

/** The log's own (1-based) number of a line of `logAsPaste`'s text; undefined for the command line. */
export function logLineOf(pasteLine: number): number | undefined {
  return pasteLine > 1 ? pasteLine - 1 : undefined;
}

/** Lines found in `logAsPaste`'s text, numbered as the log is; what was found in the command line is dropped. */
export function inLog<T extends { line: number }>(found: readonly T[]): T[] {
  return found.flatMap((item) => {
    const own = logLineOf(item.line);
    return own === undefined ? [] : [{ ...item, line: own }];
  });
}
