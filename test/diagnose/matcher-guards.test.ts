/**
 * The matcher's guards (src/diagnose/diagnose.ts, score.ts), table-driven against a knowledge
 * base built for them: supporting evidence alone never matches (even when its score passes the
 * threshold), the threshold and confidence boundaries, the keyword cap, and the specialization
 * margin that puts a specific cause above the generic symptom it explains.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { type Catalog, loadCatalog } from '../../src/triage/catalog.js';
import { incidentData, knowledgeDir } from '../helpers/kb.js';

const sig = (id: string, pattern: string, strength: 'decisive' | 'strong' | 'supporting') => ({ id, pattern, strength });
const entry = (id: string, signatures: ReturnType<typeof sig>[], extra: Record<string, unknown> = {}) =>
  incidentData(id, { signatures, examples: { match: [{ text: signatures[0]?.pattern }] }, ...extra });

let kb: Catalog;
beforeAll(async () => {
  kb = await loadCatalog(
    await knowledgeDir({
      'many-weak.yaml': entry('many-weak', [
        sig('w1', 'alpha warning seen', 'supporting'),
        sig('w2', 'bravo warning seen', 'supporting'),
        sig('w3', 'charlie warning seen', 'supporting'),
        sig('w4', 'delta warning seen', 'supporting'),
      ]),
      'two-strong.yaml': entry('two-strong', [sig('s1', 'strong cause one', 'strong'), sig('s2', 'strong cause two', 'strong')], {
        keywords: ['kwone', 'kwtwo', 'kwthree', 'kwfour'],
      }),
      'generic.yaml': entry('generic', [sig('g', 'shared symptom here', 'decisive')]),
      'specific.yaml': entry(
        'specific',
        [sig('own', 'specific cause here', 'decisive'), sig('shared', 'shared symptom here', 'supporting')],
        { specializes: ['generic'] },
      ),
      'low-generic.yaml': entry('low-generic', [sig('lg', 'generic strong line', 'strong')]),
      'big-specific.yaml': entry('big-specific', [sig('bs', 'big specific line', 'decisive')], { specializes: ['low-generic'] }),
      'tie-b.yaml': entry('tie-b', [sig('t', 'tied decisive line', 'decisive')]),
      'tie-a.yaml': entry('tie-a', [sig('t', 'tied decisive line', 'decisive')]),
      'ordered.yaml': entry('ordered', [
        sig('sup', 'ordered support line', 'supporting'),
        sig('str', 'ordered strong line', 'strong'),
        sig('dec2', 'ordered decisive again', 'decisive'),
        sig('dec1', 'ordered decisive line', 'decisive'),
      ]),
    }),
  );
});

const lines = (...l: string[]) => l.join('\n');

/** text, verdict, no-match code, best id, best score, best confidence */
const VERDICTS: Array<[string, string, 'match' | 'no-match', string | undefined, string | undefined, number, string]> = [
  [
    'four supporting signatures score past the threshold and still do not match',
    lines('alpha warning seen', 'bravo warning seen', 'charlie warning seen', 'delta warning seen'),
    'no-match',
    'weak-evidence',
    'many-weak',
    0.68,
    'medium',
  ],
  ['one supporting signature is a low runner-up', 'alpha warning seen', 'no-match', 'weak-evidence', 'many-weak', 0.25, 'low'],
  ['a strong signature alone sits on the threshold and matches', 'strong cause one', 'match', undefined, 'two-strong', 0.6, 'medium'],
  ['two strong signatures stay medium', lines('strong cause one', 'strong cause two'), 'match', undefined, 'two-strong', 0.84, 'medium'],
  [
    'two strong signatures and two keywords are just under high',
    lines('strong cause one', 'strong cause two', 'kwone kwtwo'),
    'match',
    undefined,
    'two-strong',
    0.85,
    'medium',
  ],
  [
    'two strong signatures and three keywords reach high',
    lines('strong cause one', 'strong cause two', 'kwone kwtwo kwthree'),
    'match',
    undefined,
    'two-strong',
    0.85,
    'high',
  ],
  ['a decisive signature is high', 'tied decisive line', 'match', undefined, 'tie-a', 0.9, 'high'],
  ['three keywords alone never match', 'kwone kwtwo kwthree', 'no-match', 'weak-evidence', 'two-strong', 0.09, 'low'],
  ['four keywords are capped and never match', 'kwone kwtwo kwthree kwfour', 'no-match', 'weak-evidence', 'two-strong', 0.1, 'low'],
  ['a keyword inside a longer word does not count', 'xkwone kwtwox', 'no-match', 'no-signature', undefined, 0, ''],
];

describe.each(VERDICTS)('%s', (_, text, verdict, code, best, score, confidence) => {
  it(`is ${verdict}`, () => {
    const result = diagnose(text, kb);
    expect(result.verdict).toBe(verdict);
    expect(result.reason?.code).toBe(code);
    expect(result.matches[0]?.id).toBe(best);
    if (best) expect(result.matches[0]).toMatchObject({ score, confidence });
  });
});

describe('specialization', () => {
  it('demotes the generic entry to just under the specific cause, and says which one explains it', () => {
    const result = diagnose(lines('specific cause here', 'shared symptom here'), kb);
    expect(result.matches.map((m) => [m.id, m.score, m.generalOf])).toEqual([
      ['specific', 0.93, undefined],
      ['generic', 0.88, 'specific'],
    ]);
  });

  it('leaves a generic entry already more than the margin below alone', () => {
    const result = diagnose(lines('big specific line', 'generic strong line'), kb);
    expect(result.matches.map((m) => [m.id, m.score, m.generalOf])).toEqual([
      ['big-specific', 0.9, undefined],
      ['low-generic', 0.6, undefined],
    ]);
  });

  it('a specific entry with only the shared (supporting) symptom does not outrank the generic one', () => {
    const result = diagnose('shared symptom here', kb);
    expect(result.matches.map((m) => [m.id, m.score, m.generalOf])).toEqual([
      ['generic', 0.9, undefined],
      ['specific', 0.25, undefined],
    ]);
  });

  it('a specific cause whose generic entry is not in the paste matches on its own', () => {
    const result = diagnose('specific cause here', kb);
    expect(result).toMatchObject({ verdict: 'match', matches: [{ id: 'specific', score: 0.9 }] });
    expect(result.matches).toHaveLength(1);
  });
});

describe('ranking and evidence', () => {
  it('breaks a tie in score by id', () => {
    expect(diagnose('tied decisive line', kb).matches.map((m) => m.id)).toEqual(['tie-a', 'tie-b']);
  });

  it('lists evidence strongest first, then by line', () => {
    const text = lines('Ordered support line', 'Ordered decisive again', 'Ordered strong line', 'Ordered decisive line');
    expect(diagnose(text, kb).matches[0]?.evidence.map((e) => [e.line, e.signature, e.strength])).toEqual([
      [2, 'dec2', 'decisive'],
      [4, 'dec1', 'decisive'],
      [3, 'str', 'strong'],
      [1, 'sup', 'supporting'],
    ]);
  });

  it('shows the best candidate and three runner-ups unless told otherwise', () => {
    const text = lines('tied decisive line', 'strong cause one', 'alpha warning seen', 'generic strong line', 'shared symptom here');
    const all = diagnose(text, kb);
    expect(all.matches.map((m) => m.id)).toEqual(['generic', 'tie-a', 'tie-b', 'low-generic']);
    expect(diagnose(text, kb, { runnerUps: 0 }).matches.map((m) => m.id)).toEqual(['generic']);
    expect(diagnose(text, kb, { runnerUps: 10 }).matches).toHaveLength(7);
  });

  it('cuts a long evidence line to 400 characters, and leaves one of exactly 400 whole', () => {
    const exact = `tied decisive line ${'x'.repeat(400 - 19)}`;
    expect(diagnose(exact, kb).matches[0]?.evidence[0]?.text).toBe(exact);
    const long = `${exact}y`;
    const shown = diagnose(long, kb).matches[0]?.evidence[0]?.text ?? '';
    expect(shown).toHaveLength(400);
    expect(shown.endsWith('x…')).toBe(true);
  });

  it('takes the evidence line as the sample of a match, the first error-looking line otherwise', () => {
    expect(diagnose(lines('Starting up', 'Tied decisive line'), kb).input.sample).toBe('Tied decisive line');
    expect(diagnose(lines('Starting up', 'Then it failed', 'Unable to go on'), kb).input.sample).toBe('Then it failed');
    expect(diagnose(lines('Starting up', 'All quiet'), kb).input.sample).toBe('Starting up');
  });
});

describe('several matches in one paste', () => {
  const matched = (text: string) =>
    diagnose(text, kb)
      .matches.filter((m) => m.matched)
      .map((m) => m.id);

  it('two entries on different lines are both matches', () => {
    expect(matched('Strong cause one\n\nTied decisive line').sort()).toEqual(['tie-a', 'two-strong']);
  });

  it('two entries reading the same line are one match: the second has no line of its own', () => {
    expect(matched('Tied decisive line')).toEqual(['tie-a']);
  });

  it('a generic entry that a matched entry specializes is no second match, even on its own line', () => {
    expect(matched('Big specific line\n\nGeneric strong line')).toEqual(['big-specific']);
  });
});
