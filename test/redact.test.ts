import { describe, expect, it } from 'vitest';
import { REDACTION_RULES, redactSecrets, redactWith } from '../src/redact.js';
import { SECRET_SHAPES } from './fixtures/secrets.js';

describe('redactSecrets', () => {
  it.each(SECRET_SHAPES.map((s) => [s.rule, s.line, s.secret]))('%s removes the secret from %s', (_, line, secret) => {
    const result = redactSecrets(line);
    expect(result.text).not.toContain(secret);
    expect(result.count).toBeGreaterThan(0);
  });

  it('has samples for every rule, and every rule is needed: without it alone, its samples leak', () => {
    for (const rule of REDACTION_RULES) {
      const samples = SECRET_SHAPES.filter((s) => s.rule === rule.name);
      expect(samples.length, `samples for ${rule.name}`).toBeGreaterThan(0);
      const without = REDACTION_RULES.filter((r) => r !== rule);
      for (const sample of samples) expect(redactWith(without, sample.line).text, `${rule.name}: ${sample.line}`).toContain(sample.secret);
    }
  });

  it('covers at least thirty secret shapes', () => {
    expect(new Set(SECRET_SHAPES.map((s) => s.line)).size).toBeGreaterThanOrEqual(30);
  });

  it.each([
    'Unable to create token for CNI kubeconfig error=Unauthorized',
    'Tokens:              <none>',
    'Annotations:         <none>',
    'error getting credentials: exec: executable aws failed with exit code 1',
    'Amazon.SecurityToken.AmazonSecurityTokenServiceException: Not authorized to perform sts:AssumeRoleWithWebIdentity',
    'secretName: cert-manager-webhook-ca',
    'tokenFile: /var/run/secrets/eks.amazonaws.com/serviceaccount/token',
    'password: <redacted>',
    'x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while trying to verify candidate authority certificate "kubernetes")',
    'Failed to pull image "registry.k8s.io/pause:3.9": rpc error: code = Unknown desc = failed to resolve reference',
    'Get "https://10.96.0.1:443/api?timeout=32s": dial tcp 10.96.0.1:443: i/o timeout',
    'image sha256:8d7cb1a67e4fd2fb0f6fe1c3e21d9f9bd0a2a2c2b8e1bb6f4f0c2a4d6e8f0a1c2 is up to date',
  ])('leaves error text without secrets as it is: %s', (text) => {
    expect(redactSecrets(text)).toEqual({ text, count: 0 });
  });

  it('redacts a truncated certificate block up to the end of the paste', () => {
    const result = redactSecrets('x509 error\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn');
    expect(result.text).not.toContain('MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn');
    expect(result.text).toContain('x509 error');
  });

  it('keeps the key and says what was removed, so the error still reads', () => {
    expect(redactSecrets('DB_PASSWORD=hunter2 rejected').text).toBe('DB_PASSWORD=[REDACTED] rejected');
  });

  it('stays linear on hostile input (a 256 KB line of key-like characters)', () => {
    const hostile = `${'a_token_'.repeat(32 * 1024)}`;
    const started = performance.now();
    redactSecrets(hostile);
    redactSecrets('x://'.repeat(64 * 1024));
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
