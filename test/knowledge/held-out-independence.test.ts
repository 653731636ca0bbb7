import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOverlaps, readHeldOutCases, threadOf } from '../../scripts/held-out-overlap.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.js';
import type { Incident } from '../../src/knowledge/schema.js';
import { incidentData, shippedKnowledge } from '../helpers/kb.js';

describe('examples stay independent of the evaluation cases', () => {
  const cases = readHeldOutCases();

  it('no shipped example copies a held-out case', async () => {
    expect(cases, 'the evaluation cases belong at eval/dev-cases.jsonl').toBeDefined();
    expect(findOverlaps((await shippedKnowledge()).incidents, cases ?? [])).toEqual([]);
  });

  // the first wave's cases share threads with its entries (different text from the same report);
  // from the second wave on, a case's thread is cited nowhere in the knowledge (eval/README.md)
  it('no knowledge file names the thread of a second-wave or extended-tier case, in any form', async () => {
    const threads = new Map<string, string>();
    for (const c of (cases ?? []).filter((c) => /^case-(?:w2|x\d)-/.test(c.id))) {
      const thread = threadOf(c.source);
      if (thread) threads.set(thread, c.id);
    }
    // a bare "repo#123" names the thread too when the repo name is that of a case's thread
    const byRepo = new Map([...threads].map(([thread, id]) => [thread.split('/')[1] as string, id]));
    const named: string[] = [];
    const dir = join(BUNDLED_KNOWLEDGE_DIR, 'incidents');
    for (const name of await readdir(dir)) {
      const text = await readFile(join(dir, name), 'utf8');
      for (const [ref] of text.matchAll(/https?:\/\/github\.com\/[^\s'"<>)\]]+|[\w.-]+\/[\w.-]+#\d+|(?<![\w/.-])[\w.-]+#\d+/g)) {
        const thread = threadOf(ref) ?? ref.toLowerCase();
        const id = threads.get(thread) ?? (thread.includes('/') ? undefined : byRepo.get(thread));
        if (id) named.push(`${name} names ${ref}, the thread of ${id}`);
      }
    }
    expect(named).toEqual([]);
  });

  it('flags a copied run from the same thread and a long run from anywhere', () => {
    const caseText = 'E0101 kubelet.go:1] failed to frobnicate the widget because the gizmo is unreachable at all';
    const long = `prefix ${'a long unique log line that somebody pasted into a thread '.repeat(4)}`;
    const example = (text: string, source: string) =>
      incidentData('alpha-one', { examples: { match: [{ text, source }], noMatch: [] } }) as unknown as Incident;
    const held = [
      { id: 'c1', text: caseText, source: 'acme/widgets#7' },
      { id: 'c2', text: long, source: 'acme/other#1' },
    ];
    expect(findOverlaps([example(caseText, 'https://github.com/acme/widgets/issues/7')], held)).toHaveLength(1);
    expect(findOverlaps([example(caseText, 'https://github.com/acme/widgets/issues/8')], held)).toHaveLength(0);
    expect(findOverlaps([example(long, 'https://example.com/elsewhere')], held)).toHaveLength(1);
  });

  it('reads thread names from URLs and short forms alike', () => {
    expect(threadOf('https://github.com/kubernetes/kops/issues/16488')).toBe('kubernetes/kops#16488');
    expect(threadOf('kubernetes/kops#16488')).toBe('kubernetes/kops#16488');
  });
});
