/**
 * The scan keeps, per literal, only the owners still worth a visit in a piece: one that fired,
 * cannot hold there, or (a context) was seen is dropped at its first visit. These pin that an
 * owner which did not fire, was not seen or was hit inside a longer word stays for the next hit.
 * Each signature's and context's longest literal is the word every noise line holds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { type Catalog, loadCatalog } from '../../src/triage/catalog.js';
import { incidentData, knowledgeDir } from '../helpers/kb.js';

let kb: Catalog;
beforeAll(async () => {
  kb = await loadCatalog(
    await knowledgeDir({
      'gate-jam.yaml': incidentData('gate-jam', {
        signatures: [{ id: 'jam', pattern: 'conveyorwidget (?:jammed|stalled)', strength: 'decisive' }],
        keywords: ['widget'],
        examples: { match: [{ text: 'conveyorwidget jammed at gate 3' }] },
      }),
      'belt-slip.yaml': incidentData('belt-slip', {
        signatures: [
          { id: 'slip', pattern: 'conveyorwidget (?:slipped|fell)', strength: 'strong', requires: ['conveyor mode: (?:fast|turbo)'] },
        ],
        examples: { match: [{ text: 'conveyorwidget slipped off belt\nconveyor mode: fast' }] },
      }),
    }),
  );
});

const log = (text: string) => `E0101 00:00:01.000000 1 plant.go:9] ${text}`;
const noise = (n: number) =>
  Array.from({ length: n }, (_, i) => `I0101 00:00:00.000000 1 line.go:1] widgetry conveyorwidget counted id=${i}`);

describe('owners of a common literal', () => {
  it('a signature that did not hold at the first records still fires at a later one', () => {
    const result = diagnose([...noise(30), log('conveyorwidget jammed at gate 7')].join('\n'), kb);
    expect(result.matches[0]).toMatchObject({ id: 'gate-jam', matched: true });
    expect(result.matches[0]?.evidence[0]?.line).toBe(31);
  });

  it('two signatures of one literal both fire when one fired at an earlier record', () => {
    const lines = [log('conveyorwidget jammed at gate 1'), ...noise(10), log('conveyorwidget slipped off belt'), 'conveyor mode: fast'];
    const ids = diagnose(lines.join('\n'), kb)
      .matches.filter((m) => m.evidence.length > 0)
      .map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['gate-jam', 'belt-slip']));
  });

  it('a context whose literal occurs early without matching is still seen where it does', () => {
    const lines = [log('conveyorwidget slipped off belt'), 'conveyor mode: slow', ...noise(10), 'conveyor mode: fast'];
    expect(diagnose(lines.join('\n'), kb).matches.find((m) => m.id === 'belt-slip')?.evidence).toHaveLength(1);
    const without = [log('conveyorwidget slipped off belt'), 'conveyor mode: slow', ...noise(10)];
    expect(diagnose(without.join('\n'), kb).matches.find((m) => m.id === 'belt-slip')).toBeUndefined();
  });

  it('a keyword first hit inside a longer word counts at its first whole-word hit', () => {
    const result = diagnose(
      [log('widgetry'), log('widgetry again'), log('conveyorwidget jammed at gate 2, one widget lost')].join('\n'),
      kb,
    );
    expect(result.matches[0]?.keywords).toEqual(['widget']);
  });
});
