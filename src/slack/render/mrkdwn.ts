/** Slack's limits (api.slack.com/reference/block-kit), with margin where Slack is stricter than documented. */
export const LIMITS = {
  blocks: 50,
  sectionText: 2900,
  headerText: 150,
  contextElement: 2000,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
  selectOptions: 100,
  optionText: 75,
  fallbackText: 3000,
} as const;

/** What a diagnosis reply shows before "Show runbook": a few lines of proof, each cut to a readable length. */
export const REPLY = { evidenceLines: 3, evidenceChars: 600 } as const;

/** Escapes &, < and > so pasted <!channel>, <!here>, <@U…> or <!subteam…> can never notify anyone. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function truncate(text: string, max: number, marker = '…'): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - marker.length))}${marker}`;
}

/** A code block that survives backticks inside the text. */
export function codeBlock(text: string): string {
  return `\`\`\`${escapeMrkdwn(text).replace(/```/g, "'''")}\`\`\``;
}

export function link(url: string, label: string): string {
  return `<${url.replace(/[<>|]/g, '')}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}
