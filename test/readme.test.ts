import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { shippedKnowledge } from './helpers/kb.js';

/** Numbers the README states about the shipped knowledge are checked, not trusted. */
describe('README', () => {
  it('states the number of incidents the knowledge base holds', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const stated = /holds (\d+) incidents/.exec(readme)?.[1];
    expect(Number(stated)).toBe((await shippedKnowledge()).incidents.length);
  });
});
