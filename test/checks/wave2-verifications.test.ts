/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { verifyIncident } from '../../src/checks/verify.js';
import type { VerificationRow } from '../fixtures/wave2/row.js';
import { shippedKnowledge } from '../helpers/kb.js';
import { fakeReader } from './fake-reader.js';

const modules = import.meta.glob<{ ROWS: VerificationRow[] }>('../fixtures/wave2/*.ts', { eager: true });
const ROWS = Object.entries(modules)
  .filter(([file]) => !file.endsWith('/row.ts'))
  .flatMap(([, m]) => m.ROWS ?? []);

describe('second-wave verifications: broken → confirmed, healthy twin → refuted', () => {
  it('has rows', () => {
    expect(ROWS.length).toBeGreaterThan(0);
  });

  it.each(ROWS.map((row) => [row.id, row]))('%s', async (id, row) => {
    const incident = (await shippedKnowledge()).byId.get(id as string);
    expect(incident?.verification, `${id} has a verification`).toBeDefined();
    const broken = await verifyIncident(incident as never, fakeReader((row as VerificationRow).broken));
    expect(broken.verdict, JSON.stringify(broken.reasons)).toBe('confirmed');
    const healthy = await verifyIncident(incident as never, fakeReader((row as VerificationRow).healthy));
    expect(healthy.verdict, JSON.stringify(healthy.reasons)).toBe('refuted');
  });
});
