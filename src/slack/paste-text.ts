/**
 * What Slack did to the text of a message, undone so the paste reads as it was written: its own
 * markup first — links (`<http://x|label>` is what `label` was auto-linked into, `<http://x>` is a
 * bare URL), channels, user groups and special mentions, and mentions of the bot itself dropped
 * — then the three entities it escapes (&lt; &gt; &amp;), last, because a pasted `&lt;` must not
 * turn into markup on the way.
 */
export function pasteFromSlackText(text: string, botUserId?: string): string {
  const withoutBot = botUserId ? text.split(`<@${botUserId}>`).join('') : text;
  const unlinked = withoutBot.replace(SLACK_MARKUP, (_, target: string, label: string | undefined) => markupText(target, label));
  return unlinked.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();
}

/** Slack's markup: `<target>` or `<target|label>`; a literal < or > in the message is always escaped, so these are Slack's own. */
const SLACK_MARKUP = /<([^<>|\n]{1,2000})(?:\|([^<>\n]{0,2000}))?>/g;

function markupText(target: string, label: string | undefined): string {
  if (target.startsWith('#')) return `#${label || target.slice(1)}`; // <#C123|general>
  if (target.startsWith('!subteam^')) return label ? `@${label.replace(/^@/, '')}` : '@group'; // <!subteam^S123|@oncall>
  if (target.startsWith('!')) return `@${label || target.slice(1).split('^')[0]}`; // <!here>, <!channel>
  if (target.startsWith('@')) return `@${label || target.slice(1)}`; // <@U123> another user
  // a link: Slack wraps what looked like a URL or a domain; the label is what the person wrote
  return label !== undefined && label !== '' ? label : target.replace(/^mailto:/, '');
}
