/**
 * What the bot may ask a cluster, decided before any byte leaves the process: GET only, never
 * Secrets (they hold credentials), never the sub-resources that execute or tunnel even over GET.
 *
 * The policy judges the URL that is actually sent, not the string a caller passed: WHATWG URL
 * parsing turns "\" into "/", resolves "..", drops "#…" and reads "//host" as another host, so a
 * check on the raw string alone can be walked around. `resolveApiUrl` therefore refuses every
 * ambiguous spelling up front, builds the URL under the cluster's server (keeping a path prefix
 * such as Rancher's /k8s/clusters/c-x), and re-checks the result: same origin, same prefix, and
 * decoded segments that name nothing forbidden.
 */
const FORBIDDEN_SEGMENTS = new Set(['secrets', 'exec', 'attach', 'portforward', 'proxy', 'token']);

const FORBIDDEN_REASON = 'kubetriage never reads Secrets or exec, attach, port-forward, proxy or token sub-resources';

/** Characters that have no business in an API path the bot builds (controls, space, backslash, fragment). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u0020\u007f\\#]/;

export type ApiUrl = { ok: true; url: URL } | { ok: false; refusal: string };

/** Why these path segments may not be read, or undefined when they may. */
function segmentsRefusal(segments: string[]): string | undefined {
  for (const raw of segments) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return `"${raw}" is not a valid percent-encoded path segment`;
    }
    if (decoded === '.' || decoded === '..') return 'dot segments ("." and "..", also percent-encoded) are not allowed';
    if (/[/\\]/.test(decoded)) return `an encoded slash in "${raw}" is not allowed`;
    if (FORBIDDEN_SEGMENTS.has(decoded.toLowerCase())) return `reading "${decoded}" is not allowed: ${FORBIDDEN_REASON}`;
  }
  return undefined;
}

/** The first check, on the path as the caller wrote it: method, shape and segments. */
export function refusalOf(method: string, path: string): string | undefined {
  if (method.toUpperCase() !== 'GET') return `${method.toUpperCase()} is not allowed: kubetriage only reads (GET)`;
  if (!path.startsWith('/') || path.startsWith('//')) return `"${path}" is not an API path`;
  if (UNSAFE_CHARACTERS.test(path)) return `"${path}" contains a character an API path may not have (backslash, "#", space or control)`;
  return segmentsRefusal(path.replace(/\?[\s\S]*$/, '').split('/'));
}

/**
 * The second check, on the URL about to be sent: it must still be on the cluster's server, under
 * its path prefix, exactly as written, and name nothing forbidden once decoded. `refusalOf`
 * already rules out what would change it; this holds even if that first check is ever weakened.
 */
export function finalUrlRefusal(url: URL, base: URL, path: string): string | undefined {
  const prefix = base.pathname.replace(/\/+$/, '');
  if (url.protocol !== 'https:') return `"${url.href}" is not https`;
  if (url.origin !== base.origin) return `"${path}" would leave the cluster's server (${base.origin})`;
  if (url.hash !== '' || url.username !== '' || url.password !== '') return `"${path}" carries a fragment or credentials`;
  if (!url.pathname.startsWith(`${prefix}/`)) return `"${path}" would leave the server's path ${prefix}`;
  if (url.pathname !== `${prefix}${path.split('?')[0]}`) return `"${path}" is not sent as written (it became ${url.pathname})`;
  // the server's own prefix is the operator's configuration; only what the bot appends is judged
  return segmentsRefusal(url.pathname.slice(prefix.length).split('/'));
}

/**
 * The URL to send for `path` on the cluster at `server`, or why it may not be sent. The caller
 * sends exactly `url` (its host, port and path), never anything derived from `path` again.
 */
export function resolveApiUrl(method: string, server: string, path: string): ApiUrl {
  const refusal = refusalOf(method, path);
  if (refusal) return { ok: false, refusal };
  let base: URL;
  try {
    base = new URL(server);
  } catch {
    return { ok: false, refusal: `the cluster's server "${server}" is not a URL` };
  }
  if (base.protocol !== 'https:') return { ok: false, refusal: `the cluster's server must use https (it is ${base.protocol})` };
  // concatenated, not resolved: resolution would drop the server's path prefix
  const url = new URL(`${base.origin}${base.pathname.replace(/\/+$/, '')}${path}`);
  const final = finalUrlRefusal(url, base, path);
  return final ? { ok: false, refusal: final } : { ok: true, url };
}
