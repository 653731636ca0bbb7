import { type RequestOptions, request } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { resolveApiUrl } from './path-policy.js';
import type { ReadFailure, ReadResult } from './reader.js';

/** Lists of every pod in a big cluster stay below this; anything larger is refused, not buffered. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

export type Transport = (
  method: string,
  path: string,
  signal?: AbortSignal,
  as?: 'json' | 'text',
  /** text only: keep this many bytes and stop reading (a log whose server ignored limitBytes) */
  maxBytes?: number,
) => Promise<ReadResult>;

function failed(failure: ReadFailure, message: string, status?: number): ReadResult {
  return { ok: false, failure, message, ...(status !== undefined ? { status } : {}) };
}

/** The API server's Status message says which permission is missing; keep it, drop the rest. */
function statusMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : undefined;
  } catch {
    return undefined;
  }
}

function classifyStatus(status: number, body: string, path: string): ReadResult {
  const detail = statusMessage(body);
  if (status === 401)
    return failed(
      'unauthorized',
      'the cluster rejected the credentials (401): the token or client certificate is invalid or expired',
      status,
    );
  if (status === 403)
    return failed('forbidden', detail ?? `the bot may not read ${path} (403): grant it in the read-only ClusterRole`, status);
  if (status === 404) return failed('not-found', detail ?? `${path} does not exist (404)`, status);
  return failed('unreachable', `the API server answered ${status}${detail ? `: ${detail}` : ''}`, status);
}

function classifyError(error: NodeJS.ErrnoException, timedOut: boolean, timeoutMs: number): ReadResult {
  if (timedOut) return failed('timeout', `no answer within ${timeoutMs} ms`);
  if (error.name === 'AbortError') return failed('timeout', 'the verification ran out of time before this read finished');
  if (error.code && TLS_CODES.has(error.code))
    return failed('tls', `TLS failed (${error.code}): the cluster's certificate does not match the kubeconfig's CA or name`);
  return failed('unreachable', `cannot connect (${error.code ?? error.message})`);
}

/**
 * GETs through @kubernetes/client-node's credentials (CA, client certificates, bearer token or
 * token file) applied to a plain https request, so one guarded code path serves every read.
 */
export function httpsTransport(kc: KubeConfig, timeoutMs: number): Transport {
  return async (method, path, signal, as = 'json', maxBytes) => {
    const cluster = kc.getCurrentCluster();
    if (!cluster) return failed('unreachable', 'the kubeconfig context names no cluster');
    // The final URL is judged, and it alone is sent: host, port and path all come from it.
    const target = resolveApiUrl(method, cluster.server, path);
    if (!target.ok) return failed('refused-by-policy', target.refusal);
    const credentials: RequestOptions = {};
    await kc.applyToHTTPSOptions(credentials);
    const { url } = target;
    const options: RequestOptions = {
      ...credentials, // CA, client certificate and key, bearer token header, the agent built from them
      headers: { ...credentials.headers, accept: as === 'text' ? 'text/plain' : 'application/json' },
      method: 'GET',
      protocol: 'https:',
      host: undefined,
      socketPath: undefined,
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port || 443,
      path: `${url.pathname}${url.search}`,
      rejectUnauthorized: true,
      ...(signal ? { signal } : {}),
    };
    return new Promise<ReadResult>((resolve) => {
      let timedOut = false;
      const req = request(options, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let settled = false;
        res.on('data', (chunk: Buffer) => {
          if (settled) return;
          size += chunk.length;
          const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;
          if (as === 'text' && ok && maxBytes !== undefined && size >= maxBytes) {
            // enough of a log: keep the bytes asked for, drop the connection, say it was cut
            chunks.push(chunk.subarray(0, chunk.length - (size - maxBytes)));
            settled = true;
            clearTimeout(timer);
            req.destroy();
            resolve({ ok: true, value: Buffer.concat(chunks).toString('utf8'), truncated: size > maxBytes });
            return;
          }
          if (size > MAX_RESPONSE_BYTES) {
            settled = true;
            req.destroy();
            resolve(failed('malformed', `the response is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', (error) => resolve(classifyError(error, timedOut, timeoutMs)));
        res.on('end', () => {
          if (settled) return;
          clearTimeout(timer);
          const body = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) return resolve(classifyStatus(status, body, path));
          if (as === 'text') return resolve({ ok: true, value: body });
          try {
            resolve({ ok: true, value: JSON.parse(body) });
          } catch {
            resolve(failed('malformed', `the answer to ${path} is not valid JSON`));
          }
        });
      });
      const timer = setTimeout(() => {
        timedOut = true;
        req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }));
      }, timeoutMs);
      req.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve(classifyError(error, timedOut, timeoutMs));
      });
      req.end();
    });
  };
}
