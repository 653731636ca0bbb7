/**
 * Slack sends message text with &, < and > escaped and user mentions as <@U123>. Undo the
 * escaping (the paste must read as it was written) and drop mentions of the bot itself.
 */
export function pasteFromSlackText(text: string, botUserId?: string): string {
  const withoutBot = botUserId ? text.split(`<@${botUserId}>`).join('') : text;
  return withoutBot.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();
}
