import type { App } from '@slack/bolt';
import type { SlackDeps } from './deps.js';
import { pasteFromSlackText } from './paste-text.js';
import { postReply } from './post-reply.js';
import { section } from './render/blocks.js';
import { escapeMrkdwn } from './render/mrkdwn.js';
import type { UserMessage } from './user-message.js';

/** How long a thread's errors, and a channel's answer to a paste, are remembered. */
export const THREAD_MEMORY_MS = 60 * 60 * 1000;

/**
 * The number of this incident among the distinct errors answered in a thread (1 for the first):
 * one counter per thread, one claim per incident, shared by replicas.
 */
export async function errorNumberInThread(store: SlackDeps['store'], channel: string, threadTs: string, incident: string): Promise<number> {
  const key = `thread:${channel}:${threadTs}`;
  const known = await store.valueOf(`${key}:${incident}`);
  if (known) return Number(known);
  const n = await store.increment(`${key}:count`, THREAD_MEMORY_MS);
  // two replicas racing on the same incident: the first number kept wins
  return Number((await store.claimWith(`${key}:${incident}`, String(n), THREAD_MEMORY_MS)) ?? n);
}

/**
 * From the second distinct error on, one message in the thread lists them all ("3 distinct
 * errors in this thread: …"), posted once and updated in place as more arrive.
 */
export async function summariseThread(
  client: App['client'],
  deps: SlackDeps,
  channel: string,
  threadTs: string,
  nth: number,
  title: string,
  correlationId: string,
): Promise<void> {
  const key = `thread:${channel}:${threadTs}`;
  const titles = JSON.parse((await deps.store.valueOf(`${key}:titles`)) ?? '[]') as string[];
  if (!titles.includes(title)) titles.push(title);
  await deps.store.set(`${key}:titles`, JSON.stringify(titles), THREAD_MEMORY_MS);
  if (nth < 2 || titles.length < 2) return;
  const text = `*${titles.length} distinct errors in this thread:*\n${titles.map((t, i) => `${i + 1}. ${escapeMrkdwn(t)}`).join('\n')}`;
  const summary = { text: `${titles.length} distinct errors in this thread`, blocks: [section(text, '')] };
  const existing = await deps.store.valueOf(`${key}:summary`);
  if (existing) {
    await client.chat
      .update({ channel, ts: existing, ...summary })
      .catch((error: unknown) => deps.logger.warn({ correlationId, channel, err: error }, 'thread summary not updated'));
    return;
  }
  const { ts } = await postReply(client, { channel, thread_ts: threadTs, ...summary }, deps.logger, correlationId, deps.metrics);
  if (ts) await deps.store.set(`${key}:summary`, ts, THREAD_MEMORY_MS);
}

/** A thread read for a mention under an error: enough for the errors above it, never a whole channel history. */
const THREAD_MESSAGES = 50;
const THREAD_CHARS = 256 * 1024;

/** The thread's messages before this one, people only, oldest first, within the caps. */
export async function threadText(client: App['client'], message: UserMessage): Promise<string> {
  if (!message.thread_ts) return '';
  const answer = await client.conversations.replies({ channel: message.channel, ts: message.thread_ts, limit: THREAD_MESSAGES });
  const texts = (answer.messages ?? [])
    .filter((m) => !m.bot_id && m.ts !== message.ts && Number(m.ts) < Number(message.ts))
    .map((m) => pasteFromSlackText(m.text ?? ''));
  return texts.join('\n').slice(-THREAD_CHARS);
}
