import { describe, expect, it } from 'vitest';
import { findOverlaps, readHeldOutCases, threadOf } from '../../scripts/held-out-overlap.js';
import type { Incident } from '../../src/knowledge/schema.js';
import { incidentData, shippedKnowledge } from '../helpers/kb.js';

describe('examples stay independent of the evaluation cases', () => {
  const cases = readHeldOutCases();

  it('no shipped example copies a held-out case', async () => {
    expect(cases, 'the evaluation cases belong at eval/dev-cases.jsonl').toBeDefined();
    expect(findOverlaps((await shippedKnowledge()).incidents, cases ?? [])).toEqual([]);
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
