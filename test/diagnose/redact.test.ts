import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/diagnose/redact.js';
import { PLANTED } from '../fixtures/secrets.js';

describe('redactSecrets', () => {
  it.each([
    ['a JWT', `token ${PLANTED.jwt} rejected`, PLANTED.jwt],
    ['a bearer token', `Authorization: Bearer ${PLANTED.bearer}`, PLANTED.bearer],
    ['an AWS access key id', `key ${PLANTED.awsKey} denied`, PLANTED.awsKey],
    ['an AWS secret', `aws_secret_access_key = ${PLANTED.awsSecret}`, PLANTED.awsSecret],
    ['a certificate block', `-----BEGIN CERTIFICATE-----\n${PLANTED.certBody}\n-----END CERTIFICATE-----`, PLANTED.certBody],
    ['kubeconfig credentials', `    client-key-data: ${PLANTED.certBody}`, PLANTED.certBody],
    ['a Slack token', `SLACK_BOT_TOKEN=${PLANTED.slack}`, PLANTED.slack],
    ['basic auth in a URL', 'Get "https://admin:s3cretPass@10.0.0.1:6443/api"', 's3cretPass'],
    ['a --token flag', 'kubectl --token=abc123def456ghi789 get pods', 'abc123def456ghi789'],
  ])('removes %s', (_, text, secret) => {
    const result = redactSecrets(text);
    expect(result.text).not.toContain(secret);
    expect(result.count).toBeGreaterThan(0);
  });

  it('leaves error text without secrets as it is', () => {
    const text = 'Unable to create token for CNI kubeconfig error=Unauthorized';
    expect(redactSecrets(text)).toEqual({ text, count: 0 });
  });

  it('redacts a truncated certificate block up to the end of the paste', () => {
    const result = redactSecrets(`x509 error\n-----BEGIN RSA PRIVATE KEY-----\n${PLANTED.certBody}`);
    expect(result.text).not.toContain(PLANTED.certBody);
    expect(result.text).toContain('x509 error');
  });
});
