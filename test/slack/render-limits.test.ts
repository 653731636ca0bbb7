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
  // Slack refuses the whole message when one option value or button value is too long
  const json = JSON.stringify(message.blocks);
  for (const m of json.matchAll(/"options":(\[.*?\])(?=,"|\})/g))
    for (const option of JSON.parse(m[1] as string) as Array<{ value: string }>) expect(option.value.length).toBeLessThanOrEqual(150);
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

  it('a cluster picker with GKE-style context names (100 characters) fits: options carry a short key', async () => {
    const kb = await shippedKnowledge();
    const longestId = [...kb.incidents].sort((a, b) => b.id.length - a.id.length)[0] as Incident;
    const names = [1, 2, 3].map((n) =>
      `gke_acme-platform-production-4711_europe-west4_payments-checkout-primary-cluster-0${n}`.padEnd(100, 'x'),
    );
    const paste = longestId.examples.match[0]?.text ?? '';
    const message = renderDiagnosisBlocks(diagnose(paste, kb), (id) => kb.byId.get(id), {
      pasteHash: 'h'.repeat(32),
      clusters: { names, preselected: names[0] as string },
    });
    assertWithinLimits(message);
    expect(JSON.stringify(message.blocks)).toContain('clusterKey');
  });

  it('every runbook fits', async () => {
    for (const incident of (await shippedKnowledge()).incidents) assertWithinLimits(renderRunbookBlocks(incident));
  });

  it('user text cannot form a mention', () => {
    expect(escapeMrkdwn('<!channel> <@U123> & <!subteam^S1>')).toBe('&lt;!channel&gt; &lt;@U123&gt; &amp; &lt;!subteam^S1&gt;');
  });
});
