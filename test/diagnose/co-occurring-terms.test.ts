/**
 * `all:` signatures (terms in any order, in one record or `within` N lines): the scanner finds
 * them by any term's literal, and a piece that lacks every literal of one term is ruled out
 * before any record is tested. These pin what that must never change: a window holding every
 * term fires at the first record that sees them all, one term too far away or absent does not,
 * and a term whose literal is not ASCII is never ruled out by the literal test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { type Catalog, loadCatalog } from '../../src/triage/catalog.js';
import { incidentData, knowledgeDir } from '../helpers/kb.js';

let kb: Catalog;
beforeAll(async () => {
  kb = await loadCatalog(
    await knowledgeDir({
      'stuck-object.yaml': incidentData('stuck-object', {
        signatures: [{ id: 'manifest', all: ['\\bkind: namespace\\b', 'deletiontimestamp: '], within: 3, strength: 'decisive' }],
        examples: { match: [{ text: 'kind: Namespace\nmetadata:\n  deletionTimestamp: "2026-01-01T00:00:00Z"' }] },
      }),
      'quota-de.yaml': incidentData('quota-de', {
        signatures: [{ id: 'de', all: ['kontingent', 'größe überschritten'], strength: 'decisive' }],
        examples: { match: [{ text: 'Kontingent: Größe überschritten' }] },
      }),
      // the i flag (without u) folds both Greek small sigmas to one capital: the written medial σ
      // matches a final ς, which the literal "ορισμόσ" is not a substring of
      'greek.yaml': incidentData('greek', {
        signatures: [{ id: 'el', all: ['kontingent', 'ορισμόσ'], strength: 'decisive' }],
        examples: { match: [{ text: 'kontingent ορισμόσ' }] },
      }),
    }),
  );
});

const noise = (n: number) => Array.from({ length: n }, (_, i) => `I0101 00:00:00.000000 1 ns.go:1] kind: Namespace name=team-${i}`);

describe('all: signatures across a window of records', () => {
  it('fire at the first record whose window holds every term, however often the common term appears', () => {
    const lines = [...noise(30), 'metadata:', '  deletionTimestamp: "2026-01-01T00:00:00Z"', ...noise(30)];
    const result = diagnose(lines.join('\n'), kb);
    expect(result.matches[0]).toMatchObject({ id: 'stuck-object', matched: true });
    // line 29 is the first "kind: Namespace" within three lines of the deletionTimestamp on line 32
    expect(result.matches[0]?.evidence[0]?.line).toBe(29);
  });

  it('do not fire when a term is absent from the piece, or only further away than the window', () => {
    expect(diagnose(noise(60).join('\n'), kb).matches.find((m) => m.id === 'stuck-object' && m.matched)).toBeUndefined();
    const far = [...noise(5), ...Array.from({ length: 10 }, () => 'other line'), '  deletionTimestamp: "2026-01-01T00:00:00Z"'];
    expect(diagnose(far.join('\n'), kb).matches.find((m) => m.id === 'stuck-object' && m.matched)).toBeUndefined();
  });

  it('a term with non-ASCII letters still fires, whatever its case', () => {
    expect(diagnose('Fehler: KONTINGENT: Größe Überschritten', kb).matches[0]).toMatchObject({ id: 'quota-de', matched: true });
    expect(diagnose('Fehler: kontingent ορισμός', kb).matches[0]).toMatchObject({ id: 'greek', matched: true });
  });
});
