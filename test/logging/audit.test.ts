import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditTrail } from '../../src/logging/audit.js';
import { createLogger } from '../../src/logging/logger.js';
import { PLANTED } from '../fixtures/secrets.js';

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger('info', { write: (line: string) => lines.push(line) }) };
}

describe('audit trail', () => {
  it('logs under the stable audit key and appends to the audit file', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'kubetriage-audit-')), 'audit.jsonl');
    const { lines, logger } = capture();
    const trail = new AuditTrail(logger, file);
    await trail.record(
      { who: 'U7', channel: 'C1', cluster: 'prod-eu', what: 'kops-sa-issuer-change', result: 'confirmed', durationMs: 41 },
      'Ev1',
    );
    await trail.record({ who: 'U8', channel: 'C1', cluster: 'prod-eu', what: 'upgrade-check 1.25.4 -> 1.26', result: '1 required' });
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      audit: { who: 'U7', cluster: 'prod-eu', result: 'confirmed' },
      correlationId: 'Ev1',
    });
    const records = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records).toHaveLength(2);
    expect(records[1]).toMatchObject({ who: 'U8', what: 'upgrade-check 1.25.4 -> 1.26', at: expect.any(String) });
  });
});

describe('logger', () => {
  it('redacts secrets inside free text and object values, not only known keys', () => {
    const { lines, logger } = capture();
    logger.info({ paste: `Authorization: Bearer ${PLANTED.bearer}`, nested: { text: PLANTED.jwt } }, `failed with ${PLANTED.awsKey}`);
    const out = lines.join('');
    for (const secret of [PLANTED.bearer, PLANTED.jwt, PLANTED.awsKey]) expect(out).not.toContain(secret);
    expect(out).toContain('[REDACTED');
  });
});
