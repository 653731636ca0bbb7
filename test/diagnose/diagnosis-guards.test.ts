/**
 * What every diagnosis carries besides the ranking (src/diagnose/diagnose.ts): the no-match
 * reasons users read, the sample and fingerprint stored for statistics, the context, the
 * keywords, and the first line a signature fired on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { type Catalog, loadCatalog } from '../../src/triage/catalog.js';
import { incidentData, knowledgeDir } from '../helpers/kb.js';

let kb: Catalog;
beforeAll(async () => {
  kb = await loadCatalog(
    await knowledgeDir({
      'one.yaml': incidentData('one', {
        signatures: [
          { id: 'main', pattern: 'widget exploded badly', strength: 'decisive' },
          { id: 'hint', pattern: 'widget wobbles', strength: 'supporting' },
        ],
        keywords: ['sprocket', 'gearbox'],
        examples: { match: [{ text: 'widget exploded badly' }] },
      }),
    }),
  );
});

const EMPTY_CONTEXT = { versions: [], components: [], nodes: [], paths: [], clues: {} };

describe('no match, and why', () => {
  it.each([
    [
      'binary',
      '\u0000\u0001\u0002\u0003 PNG \u0004\u0005\u0006',
      'This looks like binary data, not error text. Paste the log lines or command output.',
    ],
    ['empty', '  \n\n ', 'The paste is empty. Paste the error lines (a log line, kubectl output, events).'],
    ['no-signature', 'all is well today', 'No known incident matches this text.'],
    ['weak-evidence', 'widget wobbles', 'Some lines look like known symptoms, but nothing is specific enough to name one incident.'],
  ])('%s: says so in words', (code, text, message) => {
    const result = diagnose(text, kb);
    expect(result).toMatchObject({ verdict: 'no-match', reason: { code, message } });
  });

  it.each([
    ['binary', '\u0000\u0001\u0002\u0003 PNG \u0004\u0005\u0006'],
    ['empty', ''],
  ])('%s: no matches, an empty context and an empty sample', (_, text) => {
    const result = diagnose(text, kb);
    expect(result.matches).toEqual([]);
    expect(result.context).toEqual(EMPTY_CONTEXT);
    expect(result.input.sample).toBe('');
  });
});

describe('the stored sample and fingerprint', () => {
  it('the fingerprint is 32 hex characters, the same for the same paste, and sees line breaks', () => {
    const a = diagnose('widget exploded badly\nthen stopped', kb).input.fingerprint;
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(diagnose('widget exploded badly\nthen stopped', kb).input.fingerprint).toBe(a);
    expect(diagnose('widget exploded badlythen stopped', kb).input.fingerprint).not.toBe(a);
  });

  it.each([
    ['the first error-looking line', ['Starting', 'It will fail now', 'Cannot go on'], 'It will fail now'],
    ['"unauthorized"', ['Starting', 'Request unauthorized'], 'Request unauthorized'],
    ['"unauthorised"', ['Starting', 'Request unauthorised'], 'Request unauthorised'],
    ['the first line when none looks like an error', ['Starting', 'All quiet'], 'Starting'],
  ])('of a no-match is %s', (_, lines, sample) => {
    expect(diagnose(lines.join('\n'), kb).input.sample).toBe(sample);
  });

  it('past the head of a long paste: the first error line is the sample, only error lines give context', () => {
    // capitalised lines: each is a record of its own; only the first of the head names a version
    const head = ['Starting on v1.0.0', ...Array.from({ length: 49 }, (_, i) => `Starting step ${i}`)];
    const text = [...head, 'Quiet line on v2.0.0', 'Step failed on v3.1.4', 'Another quiet v4.0.0', 'Cannot go on v5.2.0'].join('\n');
    const result = diagnose(text, kb);
    expect(result.input.sample).toBe('Step failed on v3.1.4');
    expect(result.context.versions).toEqual(['1.0.0', '3.1.4', '5.2.0']);
  });

  it('an error line in the head is the sample, and the head is context whether or not it looks like an error', () => {
    const calm = Array.from({ length: 47 }, (_, i) => `Calm ${i}`);
    const text = ['Starting v1.0.0', 'It will fail now v1.1.0', ...calm, 'Calm last of the head v9.47.0', 'Calm past the head v9.48.0'];
    const result = diagnose(text.join('\n'), kb);
    expect(result.input.sample).toBe('It will fail now v1.1.0');
    expect(result.context.versions).toEqual(['1.0.0', '1.1.0', '9.47.0']);
  });

  it('is cut to 200 characters, for a match and for a no-match', () => {
    const long = `widget exploded badly ${'z'.repeat(300)}`;
    expect(diagnose(long, kb).input.sample).toBe(long.slice(0, 200));
    const quiet = `error ${'q'.repeat(300)}`;
    expect(diagnose(quiet, kb).input.sample).toBe(quiet.slice(0, 200));
  });
});

describe('what a match carries', () => {
  it('the first line a signature fired on is its evidence, not a later repeat', () => {
    const result = diagnose('Start\nWidget exploded badly once\nMore\nWidget exploded badly twice', kb);
    expect(result.matches[0]?.evidence.map((e) => [e.line, e.text])).toEqual([[2, 'Widget exploded badly once']]);
  });

  it('names the keywords and the components seen', () => {
    const result = diagnose('testcomponent: widget exploded badly near the gearbox and the sprocket', kb);
    expect(result.matches[0]?.keywords.sort()).toEqual(['gearbox', 'sprocket']);
    expect(result.context.components).toEqual(['testcomponent']);
  });

  it('a match that explains no generic entry has no generalOf at all', () => {
    const result = diagnose('widget exploded badly', kb);
    expect(Object.keys(result.matches[0] ?? {})).not.toContain('generalOf');
  });
});
