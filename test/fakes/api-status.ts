/**
 * metav1.Status objects as kube-apiserver sends them with a 4xx (the shapes of the captures in
 * test/fixtures/api/status-*.json). The transport reads `message` from them, so the fakes must
 * send the same object, not a bare string.
 */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string };
  code: number;
}

const failure = (code: number, reason: string, message: string, details?: Status['details']): Status => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  ...(details ? { details } : {}),
  code,
});

/** A named object that does not exist, or (without a name) a path the server does not serve. */
export function notFoundStatus(target?: { resource: string; name: string; group?: string }): Status {
  if (!target) return failure(404, 'NotFound', 'the server could not find the requested resource', {});
  const details = { name: target.name, ...(target.group ? { group: target.group } : {}), kind: target.resource };
  return failure(404, 'NotFound', `${target.resource} "${target.name}" not found`, details);
}

export function methodNotAllowedStatus(): Status {
  return failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
}

export function badRequestStatus(message: string): Status {
  return failure(400, 'BadRequest', message);
}

/** What RBAC says when the bot's ClusterRole lacks a verb. */
export function forbiddenStatus(verb: 'get' | 'list', resource: string, namespace?: string, group = ''): Status {
  const where = namespace ? ` in the namespace "${namespace}"` : '';
  return failure(
    403,
    'Forbidden',
    `${resource} is forbidden: User "system:serviceaccount:kubetriage:kubetriage" cannot ${verb} resource "${resource}" in API group "${group}"${where}`,
    { kind: resource },
  );
}
