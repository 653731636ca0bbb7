import { z } from 'zod';
import { paths } from '../cluster/api-paths.js';
import { describeFailure } from '../cluster/reader.js';
import type { Check } from './check.js';

const params = z.strictObject({
  group: z.string().regex(/^(|[a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/, 'must be an API group, e.g. policy (empty for core)'),
  version: z.string().regex(/^v\d+((alpha|beta)\d+)?$/, 'must be an API version, e.g. v1beta1'),
  resource: z.string().regex(/^[a-z][a-z0-9]*$/, 'must be a resource, e.g. podsecuritypolicies'),
});

/**
 * Whether the API server still serves a resource in a group version, from discovery: manifests
 * that use a removed one fail with "no matches for kind" (or "the server could not find the
 * requested resource"). Present = not served.
 */
export const apiNotServed: Check<z.infer<typeof params>> = {
  id: 'api-not-served',
  description: 'a resource that the API server no longer serves in a group version (discovery)',
  params,
  reads: (p) => [{ nonResourceURL: paths.discovery(p.group, p.version) }],
  async run(reader, p, signal) {
    const path = paths.discovery(p.group, p.version);
    const what = `${p.group ? `${p.group}/` : ''}${p.version} ${p.resource}`;
    const result = await reader.get<{ resources?: Array<{ name?: string }> }>(path, signal);
    if (!result.ok) {
      if (result.failure !== 'not-found')
        return { status: 'unknown', observations: [], reason: `cannot read ${path}: ${describeFailure(result)}` };
      return {
        status: 'present',
        observations: [
          { object: path, field: 'discovery', observed: '404: the group version is not served', expected: `${what} not served` },
        ],
      };
    }
    if (!Array.isArray(result.value.resources))
      return { status: 'unknown', observations: [], reason: `unexpected answer from ${path}: no resources list` };
    const served = result.value.resources.some((r) => r.name === p.resource);
    return {
      status: served ? 'absent' : 'present',
      observations: [
        { object: path, field: `resources[${p.resource}]`, observed: served ? 'served' : 'not served', expected: `${what} not served` },
      ],
    };
  },
};
