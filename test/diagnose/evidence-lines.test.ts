import { describe, expect, it } from 'vitest';
import { groupEvidenceByLine } from '../../src/diagnose/evidence-lines.js';

describe('groupEvidenceByLine', () => {
  it('shows a line once with every signature that matched it', () => {
    const grouped = groupEvidenceByLine([
      { line: 2, text: 'boom', signature: 'a', strength: 'decisive' },
      { line: 2, text: 'boom', signature: 'b', strength: 'strong' },
      { line: 5, text: 'bang', signature: 'c', strength: 'supporting' },
    ]);
    expect(grouped).toEqual([
      { line: 2, text: 'boom', signatures: ['a (decisive)', 'b (strong)'] },
      { line: 5, text: 'bang', signatures: ['c (supporting)'] },
    ]);
  });
});
