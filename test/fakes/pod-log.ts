/**
 * Pod logs as kube-apiserver serves them (GET …/pods/NAME/log, proxied from the kubelet): plain
 * text, one container at a time, the previous run only if there was one, with the query applied
 * — tailLines, sinceSeconds, limitBytes, timestamps. The errors are the server's own words.
 */
import { badRequestStatus, notFoundStatus } from './api-status.js';

export interface LogLine {
  /** RFC 3339 time the kubelet recorded for the line */
  at: string;
  text: string;
}

export interface ContainerLogs {
  current: LogLine[];
  /** the previous run's log, when the container restarted */
  previous?: LogLine[];
}

/** The route body for a pod's log path: its containers' logs, by container name. */
export interface PodLogs {
  kind: 'FakePodLogs';
  pod: string;
  containers: Record<string, ContainerLogs>;
}

export function podLogs(pod: string, containers: Record<string, ContainerLogs>): PodLogs {
  return { kind: 'FakePodLogs', pod, containers };
}

export const isPodLogs = (body: unknown): body is PodLogs =>
  typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'FakePodLogs';

/** Lines spaced a second apart, ending `endedSecondsAgo` before `now`: the usual way a test writes a log. */
export function linesAt(texts: string[], now = Date.now(), endedSecondsAgo = 0): LogLine[] {
  const end = now - endedSecondsAgo * 1000;
  return texts.map((text, i) => ({ at: new Date(end - (texts.length - 1 - i) * 1000).toISOString(), text }));
}

export type LogAnswer = { status: 200; text: string } | { status: number; body: unknown };

export function answerLog(logs: PodLogs, query: URLSearchParams, now = Date.now()): LogAnswer {
  const names = Object.keys(logs.containers);
  const container = query.get('container') ?? (names.length === 1 ? names[0] : undefined);
  if (!container)
    return {
      status: 400,
      body: badRequestStatus(`a container name must be specified for pod ${logs.pod}, choose one of: [${names.join(' ')}]`),
    };
  const own = logs.containers[container];
  if (!own) return { status: 400, body: badRequestStatus(`container ${container} is not valid for pod ${logs.pod}`) };
  const previous = query.get('previous') === 'true';
  const lines = previous ? own.previous : own.current;
  if (!lines) return { status: 400, body: badRequestStatus(`previous terminated container "${container}" in pod "${logs.pod}" not found`) };
  let selected = lines;
  const since = query.get('sinceSeconds');
  if (since !== null) selected = selected.filter((l) => Date.parse(l.at) >= now - Number(since) * 1000);
  const tail = query.get('tailLines');
  if (tail !== null) selected = selected.slice(Math.max(0, selected.length - Number(tail)));
  const stamped = query.get('timestamps') === 'true';
  let text = selected.map((l) => `${stamped ? `${l.at} ` : ''}${l.text}\n`).join('');
  const limit = query.get('limitBytes');
  if (limit !== null) text = Buffer.from(text).subarray(0, Number(limit)).toString('utf8');
  return { status: 200, text };
}

export { notFoundStatus };
