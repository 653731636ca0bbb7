/**
 * What the bot may ask a cluster, decided before any byte leaves the process: GET only, never
 * Secrets (they hold credentials), never the sub-resources that execute or tunnel even over GET.
 */
const FORBIDDEN_SEGMENTS = new Set(['secrets', 'exec', 'attach', 'portforward', 'proxy', 'token']);

export function refusalOf(method: string, path: string): string | undefined {
  if (method.toUpperCase() !== 'GET') return `${method.toUpperCase()} is not allowed: kubetriage only reads (GET)`;
  if (!path.startsWith('/')) return `"${path}" is not an API path`;
  const segments = path.split('?')[0]?.split('/').filter(Boolean) ?? [];
  const bad = segments.find((segment) => FORBIDDEN_SEGMENTS.has(segment.toLowerCase()));
  if (bad)
    return `reading "${bad}" is not allowed: kubetriage never reads Secrets or exec, attach, port-forward, proxy or token sub-resources`;
  return undefined;
}
