/**
 * How much live text one verification or scan may read. Every log read is bounded three ways by
 * the API server (tailLines, sinceSeconds, limitBytes) and the bytes once more by the transport;
 * these are the totals above that, so a 500-pod cluster costs what a 50-pod one does.
 */
export const LIVE_LIMITS = {
  /** lines of each container log, newest last */
  tailLines: 500,
  /** only what was printed in the last hour: an incident present now, not last week's */
  sinceSeconds: 3600,
  /** bytes of one container log */
  logBytes: 256 * 1024,
  /** log bytes of one verification check */
  checkLogBytes: 4 * 1024 * 1024,
  /** log bytes of one scan */
  scanLogBytes: 24 * 1024 * 1024,
  /** pods of one workload whose logs are read */
  podsPerWorkload: 3,
  /** log reads in flight at once */
  concurrency: 6,
  /** events read by one check or scan */
  maxEvents: 5000,
} as const;

/** "14 min ago" from an RFC 3339 time, for a person reading a report. */
export function ago(at: string | undefined, now = Date.now()): string | undefined {
  const then = at ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(then)) return undefined;
  const minutes = Math.max(0, Math.round((now - then) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 90) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}
