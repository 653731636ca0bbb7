import { type Block, context, section } from './blocks.js';
import type { SlackMessage } from './diagnosis-blocks.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** `@kubetriage help`, an empty mention, or "help" in a DM: what the bot does and what this channel may use. */
export function renderHelp(clusters: string[]): SlackMessage {
  const blocks: Block[] = [
    section(
      [
        '*kubetriage* names the known Kubernetes incident behind an error, shows the line that proves it and the fix.',
        '• Paste an error (or share a log as a snippet or text file): I answer in the thread when I am confident.',
        '• Mention me with an error, or under one in a thread: I always answer, "no match" included.',
        '• `/triage <error>` — only you see the answer',
        '• `/runbook <words>` — look a runbook up, typos welcome',
        '• `/upgrade-check <cluster> [version]` — what an upgrade will run into',
        '• `/scan <cluster>` — the known incidents on a cluster now, from its events and logs',
      ].join('\n'),
      '',
    ),
    context(
      clusters.length > 0
        ? `This channel may check: ${clusters.map((c) => `\`${escapeMrkdwn(c)}\``).join(', ')} (read-only).`
        : 'No cluster may be checked from this channel.',
    ),
  ];
  return { text: 'kubetriage: paste an error, get the known incident and the fix.', blocks };
}
