/**
 * apiserver_requested_deprecated_apis (a STABLE gauge on the API server's /metrics) is set to 1
 * for every deprecated group/version/resource a client requested since that API server started.
 */
export interface DeprecatedApiRequest {
  group: string;
  version: string;
  resource: string;
  subresource: string;
  removedRelease: string;
}

const LINE = /^apiserver_requested_deprecated_apis\{([^}]*)\}\s+(\S+)/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

export function parseDeprecatedApiMetric(metricsText: string): DeprecatedApiRequest[] {
  const requests: DeprecatedApiRequest[] = [];
  for (const line of metricsText.split('\n')) {
    const match = LINE.exec(line);
    if (!match || Number(match[2]) !== 1) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[1] ?? '').matchAll(LABEL)) labels[key as string] = value as string;
    requests.push({
      group: labels.group ?? '',
      version: labels.version ?? '',
      resource: labels.resource ?? '',
      subresource: labels.subresource ?? '',
      removedRelease: labels.removed_release ?? '',
    });
  }
  return requests;
}
