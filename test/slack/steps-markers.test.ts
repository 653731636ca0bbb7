import { describe, expect, it } from 'vitest';
import type { FixStep } from '../../src/knowledge/schema.js';
import { renderStepsMrkdwn, renderStepsMrkdwnChunks } from '../../src/slack/render/steps.js';

const steps: FixStep[] = [
  { step: 'Save a snapshot of etcd.', backup: true },
  { step: 'Compact the keyspace.', irreversible: 'drops old revisions' },
  { step: 'Restart aws-node.', disruptive: 'new pods wait for <networking> & IPs' },
  { step: 'Read the CA.', readsSecret: 'prints tls.key' },
  { step: 'Restart the kubelet.', perNode: true, disruptive: 'pods on the node lose their probes while it restarts' },
];

/** The mrkdwn of step `number` up to its text: markers must come before the instruction. */
function prefixOf(text: string, number: number, stepText: string): string {
  const line = text.split('\n').find((l) => l.startsWith(`${number}. `)) ?? '';
  const at = line.indexOf(stepText);
  expect(at, `step text on line ${number}`).toBeGreaterThan(0);
  return line.slice(0, at);
}

describe('renderStepsMrkdwn markers', () => {
  const text = renderStepsMrkdwn(steps);

  it('puts a bold "disruptive" and what it disrupts, escaped, in front of the step', () => {
    expect(prefixOf(text, 3, 'Restart aws-node.')).toContain('⚠️ *disruptive* (new pods wait for &lt;networking&gt; &amp; IPs)');
  });

  it('puts "irreversible" in front and names the backup step', () => {
    expect(prefixOf(text, 2, 'Compact the keyspace.')).toContain('⛔ *irreversible* (drops old revisions) — back up first (step 1)');
    expect(prefixOf(text, 1, 'Save a snapshot')).toContain('*backup*');
  });

  it('marks a step that shows secret material', () => {
    expect(prefixOf(text, 4, 'Read the CA.')).toContain('🔑 *shows secret material* (prints tls.key)');
  });

  it('renders perNode and what a step disrupts in front of the step', () => {
    const prefix = prefixOf(text, 5, 'Restart the kubelet.');
    expect(prefix).toContain('*one node at a time*: drain → step → uncordon');
    expect(prefix).toContain('⚠️ *disruptive* (pods on the node lose their probes while it restarts)');
  });

  it('leaves an unmarked step unchanged', () => {
    expect(renderStepsMrkdwn([{ step: 'Check the node name.' }])).toBe('1. Check the node name.');
  });
});

describe('renderStepsMrkdwnChunks', () => {
  it('splits long runbooks at step boundaries without losing a step or a marker', () => {
    const long: FixStep[] = Array.from({ length: 12 }, (_, i) => ({
      step: `Step ${i + 1} ${'x'.repeat(300)}`,
      disruptive: 'the node pauses',
    }));
    const chunks = renderStepsMrkdwnChunks(long, 1000);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.length <= 1000)).toBe(true);
    expect(chunks.join('\n')).toBe(renderStepsMrkdwn(long));
    expect(chunks.every((c) => /^\d+\. ⚠️ \*disruptive\*/.test(c))).toBe(true);
  });
});

describe('every shipped runbook shows every step in Slack', () => {
  it('no step of any entry is cut off by the section limit', async () => {
    const { shippedKnowledge } = await import('../helpers/kb.js');
    const { renderRunbookBlocks } = await import('../../src/slack/render/runbook-blocks.js');
    const { escapeMrkdwn, LIMITS } = await import('../../src/slack/render/mrkdwn.js');
    for (const incident of (await shippedKnowledge()).incidents) {
      const blocks = renderRunbookBlocks(incident).blocks as Array<{ text?: { text: string } }>;
      const text = blocks.map((b) => b.text?.text ?? '').join('\n');
      for (const b of blocks) expect((b.text?.text ?? '').length).toBeLessThanOrEqual(LIMITS.sectionText);
      for (const step of [...incident.fix.immediate, ...incident.fix.lasting]) {
        expect(text, `${incident.id}: ${step.step.slice(0, 40)}`).toContain(escapeMrkdwn(step.step).slice(-40));
      }
    }
  });
});
