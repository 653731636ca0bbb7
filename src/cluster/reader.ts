/** Why a read gave no data, in words an on-call engineer acts on. */
export type ReadFailure =
  | 'unreachable'
  | 'timeout'
  | 'tls'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'malformed'
  | 'refused-by-policy';

export type ReadResult<T = unknown> =
  | { ok: true; value: T /** a text answer cut at the caller's maxBytes */; truncated?: boolean }
  | { ok: false; failure: ReadFailure; message: string; status?: number };

export interface TextOptions {
  /**
   * Keep at most this many bytes of a text answer and stop reading there (a pod log asks the
   * server for limitBytes, but a proxy or an old server may ignore it); the answer is then
   * `truncated`, not a failure.
   */
  maxBytes?: number;
}

/**
 * The only way checks reach a cluster. It has no write method; its one call is a GET, and the
 * transport behind it refuses any other method, Secrets and exec-like sub-resources before any
 * network call.
 */
export interface ClusterReader {
  readonly cluster: string;
  get<T = unknown>(path: string, signal?: AbortSignal): Promise<ReadResult<T>>;
  /** the same GET for a non-JSON answer (the API server's /metrics, a pod's log) */
  getText(path: string, signal?: AbortSignal, options?: TextOptions): Promise<ReadResult<string>>;
}

export function describeFailure(result: Extract<ReadResult, { ok: false }>): string {
  return `${result.failure}: ${result.message}`;
}
