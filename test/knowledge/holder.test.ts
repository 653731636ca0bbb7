import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { InFlight } from '../../src/state/in-flight.js';
import { loadCatalog } from '../../src/triage/catalog.js';
import { CatalogHolder } from '../../src/triage/catalog-holder.js';
import { incidentData, knowledgeDir } from '../helpers/kb.js';

describe('CatalogHolder', () => {
  it('swaps in a valid edit and keeps serving the last good knowledge after a broken one', async () => {
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one') });
    const holder = new CatalogHolder(dir, await loadCatalog(dir));
    await writeFile(join(dir, 'incidents', 'beta-two.yaml'), yaml.dump(incidentData('beta-two')));
    expect(await holder.reload()).toEqual({ ok: true, incidents: 2 });
    await writeFile(join(dir, 'incidents', 'beta-two.yaml'), yaml.dump(incidentData('beta-two', { severity: 'apocalyptic' })));
    const result = await holder.reload();
    expect(result).toMatchObject({ ok: false, problems: [{ file: expect.stringContaining('beta-two.yaml'), field: 'severity' }] });
    expect(holder.current().incidents.map((i) => i.id)).toEqual(['alpha-one', 'beta-two']);
  });
});

describe('InFlight', () => {
  it('waits for pending work, and gives up at the deadline', async () => {
    const inFlight = new InFlight();
    let finished = false;
    inFlight.track(new Promise((r) => setTimeout(r, 50)).then(() => (finished = true)));
    expect(await inFlight.drain(1000)).toBe(true);
    expect(finished).toBe(true);
    inFlight.track(new Promise(() => undefined));
    expect(await inFlight.drain(50)).toBe(false);
  });
});

describe('watchKnowledge', () => {
  it('calls back once after a burst of edits settles', async () => {
    const { watchKnowledge } = await import('../../src/knowledge/watch.js');
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one') });
    let calls = 0;
    const stop = watchKnowledge(dir, () => calls++, 100);
    for (let i = 0; i < 3; i++)
      await writeFile(
        join(dir, 'incidents', 'alpha-one.yaml'),
        yaml.dump(incidentData('alpha-one', { title: `Edited title number ${i}` })),
      );
    await new Promise((r) => setTimeout(r, 600));
    stop();
    expect(calls).toBe(1);
  });
});
