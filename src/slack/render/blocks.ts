import { LIMITS, truncate } from './mrkdwn.js';

/** Minimal Block Kit shapes we emit; kept here so renderers stay free of Slack SDK types. */
export interface Block {
  type: string;
  [field: string]: unknown;
}

export function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, LIMITS.headerText), emoji: true } };
}

export function section(mrkdwn: string, more = ' _(see Show runbook)_'): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, LIMITS.sectionText, `…${more}`) } };
}

export function context(...mrkdwn: string[]): Block {
  return {
    type: 'context',
    elements: mrkdwn
      .filter(Boolean)
      .slice(0, 10)
      .map((t) => ({ type: 'mrkdwn', text: truncate(t, LIMITS.contextElement) })),
  };
}

export function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger'): Record<string, unknown> {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: truncate(text, 75), emoji: true },
    value: truncate(value, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

export function actions(blockId: string, elements: Array<Record<string, unknown>>): Block {
  return { type: 'actions', block_id: blockId, elements: elements.slice(0, 25) };
}

/** Never more blocks than Slack accepts; the last kept block says where the rest is. */
export function capBlocks(blocks: Block[]): Block[] {
  if (blocks.length <= LIMITS.blocks) return blocks;
  return [...blocks.slice(0, LIMITS.blocks - 1), context('_Reply shortened to fit Slack; use Show runbook for the full text._')];
}
