import { z } from 'zod';
import { safePattern } from '../regex-shape.js';
import type { Check } from './check.js';
import { unexpected, unreadable } from './read-helpers.js';

const params = z.strictObject({ matches: safePattern.describe('regex the served issuer matches when the incident is present') });

export const oidcIssuer: Check<z.infer<typeof params>> = {
  id: 'oidc-issuer',
  description: 'the ServiceAccount issuer the API server serves at /.well-known/openid-configuration',
  params,
  reads: () => [{ nonResourceURL: '/.well-known/openid-configuration' }],
  async run(reader, p, signal) {
    const result = await reader.get<{ issuer?: unknown } | string>('/.well-known/openid-configuration', signal);
    if (!result.ok) return unreadable(result, 'the OIDC discovery document');
    // client libraries type this answer as a string; it is a JSON object
    const doc = typeof result.value === 'string' ? parseJson(result.value) : result.value;
    if (typeof doc !== 'object' || doc === null) return unexpected('the OIDC discovery document', 'not a JSON object');
    const issuer = typeof doc.issuer === 'string' ? doc.issuer : undefined;
    if (!issuer) return { status: 'unknown', observations: [], reason: 'the discovery document names no issuer' };
    const observations = [
      { object: '/.well-known/openid-configuration', field: 'issuer', observed: issuer, expected: `matches /${p.matches}/` },
    ];
    return { status: new RegExp(p.matches).test(issuer) ? 'present' : 'absent', observations };
  },
};

function parseJson(text: string): { issuer?: unknown } | undefined {
  try {
    return JSON.parse(text) as { issuer?: unknown };
  } catch {
    return undefined;
  }
}
