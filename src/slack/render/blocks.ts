import type { ActionsBlock, ActionsBlockElement, Button, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import { LIMITS, truncate } from './mrkdwn.js';

/** Slack's own Block Kit types (@slack/types, Bolt's dependency), so every shape is type-checked. */
export type Block = KnownBlock;

export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, LIMITS.headerText), emoji: true } };
}

export function section(mrkdwn: string, more = ' _(see Show runbook)_'): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, LIMITS.sectionText, `…${more}`) } };
}

export function context(...mrkdwn: string[]): ContextBlock {
  return {
    type: 'context',
    elements: mrkdwn
      .filter(Boolean)
      .slice(0, LIMITS.contextElements)
      .map((t) => ({ type: 'mrkdwn', text: truncate(t, LIMITS.contextElement) })),
  };
}

export function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: truncate(text, LIMITS.buttonText), emoji: true },
    value: truncate(value, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

export function actions(blockId: string, elements: ActionsBlockElement[]): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements: elements.slice(0, LIMITS.actionsElements) };
}

/** Never more blocks than Slack accepts; the last kept block says where the rest is. */
export function capBlocks(blocks: Block[]): Block[] {
  if (blocks.length <= LIMITS.blocks) return blocks;
  return [...blocks.slice(0, LIMITS.blocks - 1), context('_Reply shortened to fit Slack; use Show runbook for the full text._')];
}
