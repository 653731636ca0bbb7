import { describe, expect, it } from 'vitest';
import { blockKitViolations } from './block-kit.js';

describe('the Block Kit limits every captured Slack message is checked against', () => {
  it('would catch an option value over 150 characters, a long section, too many blocks and an empty message passes', () => {
    const option = (value: string) => ({ text: { type: 'plain_text', text: 'prod' }, value });
    const picker = { type: 'actions', elements: [{ type: 'static_select', action_id: 'a', options: [option('x'.repeat(151))] }] };
    expect(blockKitViolations({ text: 't', blocks: [picker] })).toEqual(['block 0 (actions) option value: 151 > 150']);
    expect(blockKitViolations({ text: 't', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }] })).toEqual([
      'block 0 (section): 3001 > 3000',
    ]);
    expect(blockKitViolations({ text: 't', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) })).toEqual(['blocks: 51 > 50']);
    expect(blockKitViolations({ text: 'fine', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'ok' } }] })).toEqual([]);
  });
});

describe('action ids', () => {
  it('would catch two elements of one actions block sharing an action id', () => {
    const block = {
      type: 'actions',
      elements: [
        { type: 'button', action_id: 'a', text: { text: 'x' } },
        { type: 'button', action_id: 'a', text: { text: 'y' } },
      ],
    };
    expect(blockKitViolations({ text: 't', blocks: [block] })).toEqual(['block 0 (actions): action ids repeat within the block (a, a)']);
  });
});
