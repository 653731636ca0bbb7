import semver from 'semver';
import { z } from 'zod';
import { describeFailure } from '../cluster/reader.js';
import type { Check } from './check.js';

const params = z.strictObject({
  range: z
    .string()
    .refine((r) => semver.validRange(r) !== null, 'must be a semver range, e.g. >=1.24.0')
    .describe('the Kubernetes versions whose defaults cause the incident'),
});

/**
 * The API server's version against the range whose defaults cause an incident (token Secrets
 * no longer created from 1.24, PodSecurityPolicy gone from 1.25): the cause holds on this
 * cluster, or it is an older one where the same error has another cause.
 */
export const serverVersion: Check<z.infer<typeof params>> = {
  id: 'server-version',
  description: "the API server's version (GET /version) against a range",
  params,
  reads: () => [{ nonResourceURL: '/version' }],
  async run(reader, p, signal) {
    const result = await reader.get<{ gitVersion?: string }>('/version', signal);
    if (!result.ok) return { status: 'unknown', observations: [], reason: `cannot read /version: ${describeFailure(result)}` };
    const version = semver.coerce(result.value.gitVersion ?? '')?.version;
    if (!version) return { status: 'unknown', observations: [], reason: `unexpected answer from /version: no gitVersion` };
    const inRange = semver.satisfies(version, p.range);
    return {
      status: inRange ? 'present' : 'absent',
      observations: [{ object: 'kube-apiserver', field: 'gitVersion', observed: result.value.gitVersion, expected: p.range }],
    };
  },
};
