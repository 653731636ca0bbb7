/**
 * Slack's limits for what a message may carry (api.slack.com/reference/block-kit): one value
 * over a limit and Slack refuses the whole message. Every message the Slack tests capture —
 * posts and response_url answers — is checked here, and a violation fails the test that sent it.
 */
export const BLOCK_KIT = {
  blocks: 50,
  text: 40_000,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  contextElements: 10,
  contextText: 2000,
  actionsElements: 25,
  actionId: 255,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 150,
  options: 100,
} as const;

type Json = Record<string, unknown>;

export function blockKitViolations(message: { text?: unknown; blocks?: unknown }): string[] {
  const found: string[] = [];
  const over = (what: string, length: number, limit: number) => {
    if (length > limit) found.push(`${what}: ${length} > ${limit}`);
  };
  if (typeof message.text === 'string') over('text', message.text.length, BLOCK_KIT.text);
  const blocks = (Array.isArray(message.blocks) ? message.blocks : []) as Json[];
  over('blocks', blocks.length, BLOCK_KIT.blocks);
  const textOf = (t: unknown) => ((t as { text?: string } | undefined)?.text ?? '').length;
  const element = (e: Json, where: string) => {
    if (typeof e.action_id === 'string') over(`${where} action_id`, e.action_id.length, BLOCK_KIT.actionId);
    if (e.type === 'button') {
      over(`${where} button text`, textOf(e.text), BLOCK_KIT.buttonText);
      if (typeof e.value === 'string') over(`${where} button value`, e.value.length, BLOCK_KIT.buttonValue);
    }
    const options = [...((e.options as Json[] | undefined) ?? []), ...(e.initial_option ? [e.initial_option as Json] : [])];
    over(`${where} options`, options.length, BLOCK_KIT.options + 1);
    for (const o of options) {
      over(`${where} option text`, textOf(o.text), BLOCK_KIT.optionText);
      over(`${where} option value`, String(o.value ?? '').length, BLOCK_KIT.optionValue);
    }
  };
  blocks.forEach((b, i) => {
    const where = `block ${i} (${String(b.type)})`;
    if (b.type === 'header') over(where, textOf(b.text), BLOCK_KIT.headerText);
    if (b.type === 'section') {
      over(where, textOf(b.text), BLOCK_KIT.sectionText);
      over(`${where} fields`, ((b.fields as unknown[]) ?? []).length, BLOCK_KIT.sectionFields);
      if (b.accessory) element(b.accessory as Json, where);
    }
    if (b.type === 'context') {
      const elements = (b.elements as Json[]) ?? [];
      over(`${where} elements`, elements.length, BLOCK_KIT.contextElements);
      for (const e of elements) over(`${where} element`, String(e.text ?? '').length, BLOCK_KIT.contextText);
    }
    if (b.type === 'actions') {
      const elements = (b.elements as Json[]) ?? [];
      over(`${where} elements`, elements.length, BLOCK_KIT.actionsElements);
      const ids = elements.map((e) => e.action_id).filter(Boolean);
      if (new Set(ids).size !== ids.length) found.push(`${where}: action ids repeat within the block (${ids.join(', ')})`);
      for (const e of elements) element(e, where);
    }
  });
  return found;
}
