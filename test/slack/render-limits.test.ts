import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/diagnose.js';
import type { Incident } from '../../src/knowledge/schema.js';
import type { Block } from '../../src/slack/render/blocks.js';
import { renderDiagnosisBlocks } from '../../src/slack/render/diagnosis-blocks.js';
import { escapeMrkdwn } from '../../src/slack/render/mrkdwn.js';
import { renderRunbookBlocks } from '../../src/slack/render/runbook-blocks.js';
import { shippedKnowledge } from '../helpers/kb.js';

function assertWithinLimits(message: { text: string; blocks: Block[] }): void {
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  for (const block of message.blocks) {
    const text = ('text' in block ? (block.text as { text?: string } | undefined)?.text : undefined) ?? '';
    if (block.type === 'header') expect(text.length).toBeLessThanOrEqual(150);
    if (block.type === 'section') expect(text.length).toBeLessThanOrEqual(3000);
    if (block.type === 'context')
      for (const e of block.elements as Array<{ text: string }>) expect(e.text.length).toBeLessThanOrEqual(2000);
  }
  expect(JSON.stringify(message)).not.toMatch(/<!(channel|here|everyone|subteam)/);
}

const size = (i: Incident) => JSON.stringify(i).length;

describe('Block Kit limits', () => {
  it('the largest realistic diagnosis (longest entry, 40 KB paste) fits', async () => {
    const kb = await shippedKnowledge();
    const longest = [...kb.incidents].sort((a, b) => size(b) - size(a))[0] as Incident;
    const line = longest.examples.match[0]?.text ?? '';
    const noise = Array.from({ length: 180 }, (_, i) => `I0101 00:00:00.000000 1 x.go:${i}] <!channel> ${'padding '.repeat(10)}`).join(
      '\n',
    );
    const paste = `${noise}\n${line}\n${noise}`;
    expect(paste.length).toBeGreaterThan(38 * 1024);
    const diagnosis = diagnose(paste, kb);
    expect(diagnosis.matches[0]?.id).toBe(longest.id);
    assertWithinLimits(renderDiagnosisBlocks(diagnosis, (id) => kb.byId.get(id), { pasteHash: 'h', checksUnavailable: 'n/a' }));
  });

  it('every runbook fits', async () => {
    for (const incident of (await shippedKnowledge()).incidents) assertWithinLimits(renderRunbookBlocks(incident));
  });

  it('user text cannot form a mention', () => {
    expect(escapeMrkdwn('<!channel> <@U123> & <!subteam^S1>')).toBe('&lt;!channel&gt; &lt;@U123&gt; &amp; &lt;!subteam^S1&gt;');
  });
});
