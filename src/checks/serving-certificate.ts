import { z } from 'zod';
import type { Check } from './check.js';

const params = z.strictObject({
  state: z.enum(['expired', 'not-yet-valid']).describe("what the incident does to the API server's serving certificate"),
});

const CODE = { expired: 'CERT_HAS_EXPIRED', 'not-yet-valid': 'CERT_NOT_YET_VALID' } as const;

/**
 * The API server's serving certificate as the port's own TLS handshake sees it: an expired
 * certificate is a read that fails with CERT_HAS_EXPIRED, which for this incident is the
 * evidence, not an inconclusive read. Verified against the kubeconfig's CA, never skipped.
 */
export const servingCertificate: Check<z.infer<typeof params>> = {
  id: 'serving-certificate',
  description: "the API server's serving certificate, from the TLS handshake of a GET /version",
  params,
  reads: () => [{ nonResourceURL: '/version' }],
  async run(reader, p, signal) {
    const result = await reader.get<{ gitVersion?: string }>('/version', signal);
    const field = 'TLS serving certificate';
    if (result.ok)
      return {
        status: 'absent',
        observations: [
          { object: 'kube-apiserver', field, observed: `valid (answered /version: ${result.value.gitVersion ?? '?'})`, expected: p.state },
        ],
      };
    if (result.failure === 'tls' && result.message.includes(CODE[p.state]))
      return { status: 'present', observations: [{ object: 'kube-apiserver', field, observed: result.message, expected: p.state }] };
    return { status: 'unknown', observations: [], reason: `cannot tell from /version: ${result.failure}: ${result.message}` };
  },
};
