import { describe, expect, it } from 'vitest';
import { hasRun, hasTokenSecret, REDACTION_RULES, redactionAdvice, redactSecrets, redactWith } from '../src/redact.js';
import { SECRET_SHAPES } from './fixtures/secrets.js';

describe('redactSecrets', () => {
  it.each(SECRET_SHAPES.map((s) => [s.rule, s.line, s.secret]))('%s removes the secret from %s', (_, line, secret) => {
    const result = redactSecrets(line);
    expect(result.text).not.toContain(secret);
    // all of it: neither end may survive a rule that stopped early or started late
    for (const end of [secret.slice(0, 6), secret.slice(-6)])
      if (!line.split(secret).join('').includes(end)) expect(result.text).not.toContain(end);
    expect(result.text).toContain('[REDACTED');
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
    'failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://auth.docker.io/token: 401 Unauthorized',
    'MountVolume.SetUp failed for volume "db-secret" : secret "db-secret" not found',
    'error getting token: exec: executable aws not found',
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

describe('redaction details that a change must not lose', () => {
  it.each([
    'password: <none>',
    'password=***',
    'token: null',
    'secret: none',
    'secret: nil',
    'token: undefined',
    'token: true',
    'auth: false',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable reference, as pasted
    'DB_PASSWORD=${DB_PASSWORD}',
    'PASSWORD=$DB_PASS',
    'token: ""',
    "token: ''",
    'password: -',
    'password: [REDACTED]',
    'password: [redacted]',
    'password: [redacted by ops]',
    '"password": "<redacted>"',
    'Authorization: abc',
    'bearer abc',
    'kubectl --token --insecure-skip-tls-verify get pods',
    'https://robot@registry.example.com/v2/',
    'token ABCDEF.0123456789ABCDEF was printed upper-case',
    'key AKIAIOSFODNN7EXAMP is too short',
    'xoxz-1234567890-abcdefghij is no Slack token prefix',
    'auth://example.com is a URL, not a key',
    'image sha256:8d7cb1a67e4fd2fb0f6fe1c3e21d9f9bd0a2a2c2b8e1bb6f4f0c2a4d6e',
    'an eyJabc fragment is too short for a JWT',
    'Abcdefghij0123456789Abcdefghij012345678 is one character short',
  ])('leaves %s as it is', (text) => {
    expect(redactSecrets(text)).toEqual({ text, count: 0 });
  });

  it.each([
    ['password: nullish7', 'nullish7'],
    ['password: "<none> but more"', '<none> but more'],
    ['"client-certificate-data": "QUJDRA"', 'QUJDRA'],
    ['CERTIFICATE-AUTHORITY-DATA:  QUJDRA', 'QUJDRA'],
    ['token eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0 without a signature', 'eyJzdWIiOiJ4In0'],
    ['authorization=Basic abcd1234', 'abcd1234'],
    ['AUTHORIZATION:  Token abcd1234', 'abcd1234'],
    ['"Authorization": "Bearer abcdefgh12"', 'abcdefgh12'],
    ['Proxy-Authorization: Digest x1y2z3w4', 'x1y2z3w4'],
    ['authorization: AWS4-HMAC-SHA256 Credential=abc/20261201', 'Credential=abc'],
    ['Set-Cookie: sid=s3ss10n; Path=/', 'sid=s3ss10n'],
    ['{"cookie": "sid=abc123"}', 'sid=abc123'],
    ['BEARER  abcdefgh1', 'abcdefgh1'],
    ['git+ssh://git:tok3nvalue@github.com/org/repo', 'tok3nvalue'],
    ['kubectl --password=hunter2x get pods', 'hunter2x'],
    ['app --client-secret s3cr3tv4lue', 's3cr3tv4lue'],
    ['--api-key=k3yk3y --secret-key=s3c', 'k3yk3y'],
    ['podman login -u bot -p pw9secret quay.io', 'pw9secret'],
    ['helm registry login ghcr.io -u bot -p pw9secret', 'pw9secret'],
    ['kubeadm init phase upload-certs --certificate-key=9f8e7d', '9f8e7d'],
    ['key ASIAIOSFODNN7EXAMPLE denied', 'ASIAIOSFODNN7EXAMPLE'],
    ['https://b.s3.amazonaws.com/o?X-Amz-Credential=AKIAX%2F2026&X-Amz-Security-Token=FwoGZX', 'FwoGZX'],
    ['https://cdn.example/file?expires=1&signature=a1b2c3', 'a1b2c3'],
    ['hook with xoxp-1234567890-abcdefghij', 'xoxp-1234567890-abcdefghij'],
    ['token gho_abcdefghijklmnopqrstuvwxyz0123456789', 'gho_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['deploy token gldt-abcdefghij0123456789 used', 'gldt-abcdefghij0123456789'],
    ['batch token hvb.AAAAAQJabcdefghijklmnopqrstu used', 'hvb.AAAAAQJabcdefghijklmnopqrstu'],
    ['passphrase=correcthorse', 'correcthorse'],
    ['pwd=abc123', 'abc123'],
    ['api.key: k3yv4lue', 'k3yv4lue'],
    ['apiKey: k3yv4lue', 'k3yv4lue'],
    ['signing_key=s1gn', 's1gn'],
    ['encryption-key: 3ncr', '3ncr'],
    ['session.key=s3ss', 's3ss'],
    ['credential=cr3d', 'cr3d'],
    ['SECRET_VALUE=v4lue', 'v4lue'],
    ['tokens: t0k3ns', 't0k3ns'],
    ['password_b64: cGFzcw', 'cGFzcw'],
    ['x.auth=aGk6dGhlcmU', 'aGk6dGhlcmU'],
    ["db_password='single quoted'", 'single quoted'],
    ['Abcdefghij0123456789Abcdefghij0123456789 is opaque', 'Abcdefghij0123456789Abcdefghij0123456789'],
    ['PASSWORD=secretnull', 'secretnull'],
    ['token: x-', 'x-'],
    ['Authorization : Basic abcd1234', 'abcd1234'],
    ['client-certificate-data : QUJDRA', 'QUJDRA'],
    ['Cookie : sid=abc123', 'sid=abc123'],
    ['key A3TZIOSFODNN7EXAMPLE denied', 'A3TZIOSFODNN7EXAMPLE'],
    ['pulling https://u:pw9x@host.example?x=1', 'pw9x'],
    ['clone "https://u:pw9x@host.example" failed', 'pw9x'],
    ['remote https://u:pw9x@host.example', 'pw9x'],
  ])('redacts %s', (text, secret) => {
    const result = redactSecrets(text);
    expect(result.text).not.toContain(secret);
    expect(result.count).toBeGreaterThan(0);
  });

  it('is idempotent: redacting redacted text removes nothing more', () => {
    for (const { line } of SECRET_SHAPES) {
      const once = redactSecrets(line).text;
      expect(redactSecrets(once), line).toEqual({ text: once, count: 0 });
    }
  });

  it('keeps exactly the key, header or flag, and says what was removed', () => {
    expect(redactSecrets('Cookie:  sid=abc123').text).toBe('Cookie:  [REDACTED]');
    expect(redactSecrets('Authorization:  Bearer abcdefgh12').text).toBe('Authorization:  Bearer [REDACTED]');
    expect(redactSecrets('kubectl --token  abcdefgh12 get').text).toBe('kubectl --token  [REDACTED] get');
    expect(redactSecrets('x client-key-data:  QUJDRA').text).toBe('x client-key-data:  [REDACTED]');
    expect(redactSecrets('pem LS0tLS1CRUdJTiBDRVJU end').text).toBe('pem [REDACTED PEM] end');
    expect(redactSecrets('t xoxb-1234567890-abcdef end').text).toBe('t [REDACTED SLACK TOKEN] end');
    expect(redactSecrets('t abcdef.0123456789abcdef end').text).toBe('t [REDACTED BOOTSTRAP TOKEN] end');
  });

  it('counts each secret once and keeps what surrounds it', () => {
    expect(redactSecrets('a DB_PASSWORD=one and API_TOKEN=two here')).toEqual({
      text: 'a DB_PASSWORD=[REDACTED] and API_TOKEN=[REDACTED] here',
      count: 2,
    });
    expect(redactSecrets('Get "https://admin:pw@10.0.0.1:6443/api"').text).toBe('Get "https://[REDACTED]@10.0.0.1:6443/api"');
    expect(redactSecrets(`x ${'-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'} y`).text).toBe('x [REDACTED PEM] y');
  });

  it('the advice names how many secrets were removed', () => {
    expect(redactionAdvice(1)).toBe(
      '1 secret was removed from this paste before it was read. The original message still holds it: delete it, and rotate what it exposed.',
    );
    expect(redactionAdvice(3)).toMatch(/^3 secrets were removed .* still holds them: /);
  });
});

describe('prose is judged within its line', () => {
  it('a YAML value at the end of a line is a secret even when the next line starts with a word', () => {
    expect(redactSecrets('clientSecret: changeme\nx').text).toBe('clientSecret: [REDACTED]\nx');
    expect(redactSecrets('failed to fetch anonymous token: unexpected status').count).toBe(0);
  });

  it('a key ending its line takes no value from the next line unless that line is indented under it', () => {
    // prose before a code fence, an env var left empty, a stack frame under a message
    for (const text of ['delete that token:\n```\nkubectl get pods\n```', 'TOKEN=\nabc', 'invalid token:\n    at verify (jwt.js:12)'])
      expect(redactSecrets(text).text, text).toBe(text);
  });

  it('a mapping under a secret-ish key is structure: its own keys are judged one by one', () => {
    const projected = 'volumes:\n  - serviceAccountToken:\n      expirationSeconds: 3607\n      path: token';
    expect(redactSecrets(projected).text).toBe(projected);
    const volume = '  aws-iam-token:\n    Type:  Projected (a volume that contains injected data from multiple sources)';
    expect(redactSecrets(volume).text).toBe(volume);
    expect(redactSecrets('auth:\n  username: app\n  password: hunter2').text).toBe('auth:\n  username: app\n  password: [REDACTED]');
  });

  it('a value over several lines leaves one marker and keeps every line, so line numbers after it hold', () => {
    const text = 'data:\n  token: |\n    line1\n\n    line2\n  ca.crt: 1066 bytes\nerror: x509';
    const result = redactSecrets(text);
    expect(result.text).toBe('data:\n  token: |\n    [REDACTED]\n\n\n  ca.crt: 1066 bytes\nerror: x509');
    expect(result.count).toBe(1);
  });

  it('a block scalar is text, never structure: its lines go even when the first looks like a key', () => {
    expect(redactSecrets('password: |\n  user: admin\n  pass: s3cr3t\nnext: 1').text).toBe('password: |\n  [REDACTED]\n\nnext: 1');
  });

  it('a block scalar joined onto its key line (a JSON log, a wrap, the record join) loses the rest of that line', () => {
    expect(redactSecrets('password: | hunter2 more').text).toBe('password: | [REDACTED]');
    expect(redactSecrets('x token: >- first-half second-half').text).toBe('x token: >- [REDACTED]');
    // the indicator alone says the value is below: it is kept, not taken for the value
    expect(redactSecrets('password: |').text).toBe('password: |');
  });

  it('a list of plain values under a secret-ish key is a value: every item goes', () => {
    // (not in SECRET_SHAPES: a list quoted inside a JSON string or inline code loses the line structure this rule reads)
    expect(redactSecrets('tokens:\n  - abc123tok\n  - def456tok\nother: x').text).toBe('tokens:\n  [REDACTED]\n\nother: x');
  });
});

describe('the cheap presence tests in front of the slow rules', () => {
  const withPresence = REDACTION_RULES.filter((rule) => rule.present);

  it('exist where they are needed (a rule tried at every position)', () => {
    expect(withPresence.map((r) => r.name).sort()).toEqual([
      'authorization-header',
      'bootstrap-token',
      'kubeconfig-data',
      'opaque-base64',
      'secret-env-value',
      'secret-flag',
      'secret-key-block',
    ]);
  });

  it.each(withPresence.map((rule) => [rule.name, rule] as const))('%s: never says "absent" for a text the rule redacts', (name, rule) => {
    const samples = SECRET_SHAPES.filter((s) => s.rule === name);
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) {
      expect(rule.present?.(sample.line), sample.line).toBe(true);
      const { present: _, ...without } = rule;
      expect(redactWith([rule], sample.line).text).toBe(redactWith([without], sample.line).text);
    }
  });

  it.each(withPresence.map((rule) => [rule.name, rule] as const))('%s: agrees with the rule in any letter case', (name, rule) => {
    const { present: _, ...without } = rule;
    for (const sample of SECRET_SHAPES.filter((s) => s.rule === name)) {
      for (const line of [sample.line.toUpperCase(), sample.line.toLowerCase(), `x ${sample.line} --- LOGIN`]) {
        const redacted = redactWith([without], line).text;
        if (redacted !== line) expect(rule.present?.(line), line).toBe(true);
        expect(redactWith([rule], line).text, line).toBe(redacted);
      }
    }
  });

  it('say "absent" for ordinary log text, so the slow pattern is skipped', () => {
    const log = 'I0912 08:14:01.000000 1 reflector.go:222] Listing and watching *v1.Pod from k8s.io/client-go/informers/factory.go:150';
    for (const rule of withPresence) expect(rule.present?.(log), rule.name).toBe(false);
  });
});

/** The same pseudo-random sequence every run (a linear congruential generator), so a failure replays. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state;
  };
}

describe('hasTokenSecret (the bootstrap-token presence test)', () => {
  it('agrees with /\\.[a-z0-9]{16}\\b/ on many random texts', () => {
    const next = lcg(3);
    const outcomes = new Set<boolean>();
    // dots, lower-case alphanumerics, and what ends a word or does not (upper case, _, é)
    const alphabet = 'a0z9.....Z_é -';
    for (let n = 0; n < 4000; n++) {
      let text = '';
      for (let i = 0; i < n % 120; i++) {
        // mostly alphanumerics, so 16 after a dot is common
        const r = next() / 2 ** 31;
        text += r < 0.8 ? (alphabet[Math.floor(r * 5)] as string) : (alphabet[4 + Math.floor((r - 0.8) * 50)] as string);
      }
      const expected = /\.[a-z0-9]{16}\b/.test(text);
      outcomes.add(expected);
      expect(hasTokenSecret(text), JSON.stringify(text)).toBe(expected);
    }
    expect([...outcomes].sort()).toEqual([false, true]);
  });
});

describe('hasRun (the base64 presence test)', () => {
  it('agrees with the plain regex on many random texts, runs at every position included', () => {
    const next = lcg(11);
    const outcomes = new Set<boolean>();
    const alphabet = 'aZ9+/ -.:\n_=';
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const size = (n * 7) % 300;
      for (let i = 0; i < size; i++) {
        const seed = next();
        // mostly base64 characters, so runs around 40 are common
        text += seed % 20 < 19 ? (alphabet[seed % 5] as string) : (alphabet[5 + (seed % 7)] as string);
      }
      const expected = /[A-Za-z0-9+/]{40}/.test(text);
      outcomes.add(expected);
      expect(hasRun(text, 40), JSON.stringify(text)).toBe(expected);
    }
    expect([...outcomes].sort()).toEqual([false, true]);
  });
});

describe('a key naming a secret whose value is an object or a list', () => {
  it('keeps the structure and redacts the secrets inside it by their own keys', () => {
    const line =
      '{"msg":"could not get secret data","ExternalSecret":{"name":"db-creds","namespace":"payments"},"SecretStore":["vault"],"auth":{"token":"hvs_not_a_real_token_0123456789abcdef","client_secret":"s3cr3tvalue"}}';
    const { text } = redactSecrets(line);
    expect(text).toContain('"ExternalSecret":{"name":"db-creds","namespace":"payments"}');
    expect(text).toContain('"SecretStore":["vault"]');
    expect(text).not.toContain('hvs_not_a_real_token_0123456789abcdef');
    expect(text).not.toContain('s3cr3tvalue');
  });
});
