/**
 * Secrets that people paste along with errors. Applied before anything is matched, stored, logged
 * or echoed. Order matters: whole blocks (PEM) before the fragments inside them.
 */
const REDACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/-----BEGIN [A-Z0-9 ]{0,40}-----[\s\S]{0,20000}?(?:-----END [A-Z0-9 ]{0,40}-----|$)/g, '[REDACTED PEM]'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]{8,})?/g, '[REDACTED JWT]'],
  [/\b(authorization:\s{0,4}(?:bearer|basic)\s{1,4})[^\s"',]+/gi, '$1[REDACTED]'],
  [/\b(bearer\s{1,4})[A-Za-z0-9._~+/=-]{8,}/gi, '$1[REDACTED]'],
  [
    /\b((?:client-certificate-data|client-key-data|certificate-authority-data|id-token|refresh-token|access-token|auth-token|token|password|passwd|secret|aws_secret_access_key|aws_session_token|api[_-]?key)["']?\s{0,4}[:=]\s{0,4}["']?)[^\s"',}]{4,}/gi,
    '$1[REDACTED]',
  ],
  [/(--(?:token|password|client-secret)[= ])\S+/gi, '$1[REDACTED]'],
  [/\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g, '[REDACTED AWS KEY]'],
  [/\b(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s"]+/gi, '$1[REDACTED]'],
  [/\bxox[abposer]-[A-Za-z0-9-]{10,}/g, '[REDACTED SLACK TOKEN]'],
  [/\bxapp-\d-[A-Za-z0-9-]{10,}/g, '[REDACTED SLACK TOKEN]'],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}/g, '[REDACTED GITHUB TOKEN]'],
  [/(:\/\/)[^/\s:@]{1,64}:[^@\s/]{1,128}@/g, '$1[REDACTED]@'],
  // Long base64 runs (certificate data, keys, opaque tokens) that no pattern above named.
  [
    /(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]{0,200}[A-Z])(?=[A-Za-z0-9+/]{0,200}[a-z])(?=[A-Za-z0-9+/]{0,200}\d)[A-Za-z0-9+/]{40,}={0,2}/g,
    '[REDACTED]',
  ],
];

export interface Redacted {
  text: string;
  /** how many secrets were removed */
  count: number;
}

export function redactSecrets(text: string): Redacted {
  let count = 0;
  let result = text;
  for (const [pattern, replacement] of REDACTIONS) {
    result = result.replace(pattern, (...args: unknown[]) => {
      count++;
      const groups = args.slice(1, -2) as Array<string | undefined>;
      return replacement.replace('$1', groups[0] ?? '');
    });
  }
  return { text: result, count };
}
