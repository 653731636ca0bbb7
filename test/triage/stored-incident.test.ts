import { describe, expect, it } from 'vitest';
import type { LazyRange } from '../../src/triage/snapshot-file.js';
import { storedIncidents } from '../../src/triage/stored-incident.js';

const HOT = new Set(['title', 'keywords']);
const texts: Record<string, Record<string, unknown>> = {
  hot: { title: 'A title', keywords: ['one', 'two'] },
  rest: { summary: 'A summary', fix: { immediate: [{ step: 'do it' }] } },
};
const range = (digest: string): LazyRange => ({ start: 0, end: 0, digest });

function restored() {
  const reads: string[] = [];
  const make = storedIncidents(HOT, (r) => {
    reads.push(r.digest);
    return texts[r.digest];
  });
  const incident = make('alpha-one', ['id', 'title', 'summary', 'keywords', 'fix'], range('hot'), range('rest')) as unknown as Record<
    string,
    unknown
  >;
  return { incident, reads };
}

describe('an incident restored from a snapshot', () => {
  it('reads like the compiled one: fields, order, JSON, spreading, `in`', () => {
    const { incident } = restored();
    const compiled = {
      id: 'alpha-one',
      title: 'A title',
      summary: 'A summary',
      keywords: ['one', 'two'],
      fix: { immediate: [{ step: 'do it' }] },
    };
    expect(Object.keys(incident)).toEqual(Object.keys(compiled));
    expect(JSON.stringify(incident)).toBe(JSON.stringify(compiled));
    expect({ ...incident }).toEqual(compiled);
    expect('summary' in incident && !('hot' in incident) && !('nothing' in incident)).toBe(true);
    expect(Object.hasOwn(incident, 'fix') && Object.hasOwn(incident, 'title')).toBe(true);
  });

  it('parses each group on its first read only', () => {
    const { incident, reads } = restored();
    expect(incident.id).toBe('alpha-one');
    expect(reads).toEqual([]);
    expect(incident.title).toBe('A title');
    expect(incident.keywords).toEqual(['one', 'two']);
    expect(reads).toEqual(['hot']);
    expect(incident.summary).toBe('A summary');
    expect(incident.fix).toEqual({ immediate: [{ step: 'do it' }] });
    expect(reads).toEqual(['hot', 'rest']);
  });

  it('is read-only', () => {
    const { incident } = restored();
    expect(() => {
      incident.title = 'changed';
    }).toThrow(/read-only/);
    expect(() => delete incident.summary).toThrow(/read-only/);
    expect(incident.title).toBe('A title');
  });
});
