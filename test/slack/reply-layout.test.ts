import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { firstSentences, renderDiagnosisBlocks } from '../../src/slack/render/diagnosis-blocks.js';
import { shippedKnowledge } from '../helpers/kb.js';

const KOPS = '2023-09-12 08:14:01.123 [ERROR][1] cni-installer/<nil> <nil>: Unable to create token for CNI kubeconfig error=Unauthorized';

describe('a reply an on-call engineer can scan', () => {
  it('header, confidence, Do this now, then why it matched, then the root cause in two sentences', async () => {
    const kb = await shippedKnowledge();
    const { blocks } = renderDiagnosisBlocks(diagnose(KOPS, kb), (id) => kb.byId.get(id), { pasteHash: 'h' });
    const texts = blocks.map((b) => JSON.stringify(b));
    const at = (needle: string) => texts.findIndex((t) => t.includes(needle));
    expect(blocks[0]?.type).toBe('header');
    expect(at('confidence:')).toBe(1);
    expect(at('*Do this now*')).toBe(2);
    expect(at('*Why this matches*')).toBeGreaterThan(at('*Do this now*'));
    expect(at('*What happened*')).toBeGreaterThan(at('*Why this matches*'));
    const rootCause = texts[at('*What happened*')] ?? '';
    expect(rootCause).toContain('(the rest: Show runbook)');
    expect(rootCause.length).toBeLessThan(800);
    // a disruptive step says so before the step, not after it
    expect(texts[at('*Do this now*')]).toMatch(/\d\. ⚠️ \*disruptive\*/);
  });

  it('cuts after two sentences, keeps a short root cause whole', () => {
    expect(firstSentences('One. Two. Three.')).toBe('One. Two. _(the rest: Show runbook)_');
    expect(firstSentences('Only one sentence here.')).toBe('Only one sentence here.');
    expect(firstSentences('Version 1.26 removed it. Then (and only then) it failed. More.')).toBe(
      'Version 1.26 removed it. Then (and only then) it failed. _(the rest: Show runbook)_',
    );
  });
});
