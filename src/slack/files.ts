import { looksBinary } from '../diagnose/normalize.js';
import { decodeBytes } from '../diagnose/pieces.js';
import type { SlackDeps } from './deps.js';
import type { UserMessage } from './user-message.js';

/** The fields of a Slack file object (message.files[], file_share) that are read. */
export interface SlackFile {
  id?: string;
  name?: string;
  title?: string;
  mimetype?: string;
  filetype?: string;
  size?: number;
  mode?: string;
  url_private_download?: string;
  url_private?: string;
}

/** What a file gave: its text, or the one line that says why not. */
export type FileText = { ok: true; name: string; text: string; truncated: boolean } | { ok: false; name: string; why: string };

/** Logs shared as files are rarely bigger; a longer one is read up to here and says so. */
export const FILE_BYTES = 2 * 1024 * 1024;

/** Slack's file hosts: the bot token is only ever sent there. */
export const SLACK_FILE_HOSTS = ['files.slack.com'];

const TEXT_TYPES = /^(?:text\/|application\/(?:json|x-yaml|yaml|x-sh|xml|x-ndjson)|application\/octet-stream$)/;
const TEXT_FILETYPES = new Set([
  'text',
  'log',
  'yaml',
  'yml',
  'json',
  'shell',
  'bash',
  'sh',
  'go',
  'python',
  'markdown',
  'diff',
  'xml',
  'toml',
  'ini',
  'csv',
  'javascript',
  'typescript',
]);

/**
 * A snippet or text file shared in Slack, downloaded with the bot token (files:read), never from
 * a host that is not Slack's, never past FILE_BYTES, and refused when it is not text.
 */
export async function readSlackFile(file: SlackFile, token: string, hosts: readonly string[] = SLACK_FILE_HOSTS): Promise<FileText> {
  const name = file.name ?? file.title ?? file.id ?? 'file';
  const textual = file.mode === 'snippet' || (file.mimetype && TEXT_TYPES.test(file.mimetype)) || TEXT_FILETYPES.has(file.filetype ?? '');
  if (!textual)
    return {
      ok: false,
      name,
      why: `${name} is not a text file (${file.mimetype ?? file.filetype ?? 'unknown type'}): I read snippets and text files`,
    };
  const url = file.url_private_download ?? file.url_private;
  let target: URL;
  try {
    target = new URL(url ?? '');
  } catch {
    return { ok: false, name, why: `${name} has no download address` };
  }
  if (target.protocol !== 'https:' || !hosts.includes(target.hostname))
    return { ok: false, name, why: `${name} is not on Slack's file host; the bot token is only sent there` };
  try {
    // no redirects followed: the token must not travel with one to another host
    const response = await fetch(target, {
      headers: { authorization: `Bearer ${token}` },
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok || !response.body)
      return { ok: false, name, why: `${name} could not be downloaded (HTTP ${response.status}): the app needs the files:read scope` };
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      const left = FILE_BYTES - size;
      chunks.push(Buffer.from(chunk.subarray(0, Math.max(0, left))));
      size += chunk.length;
      if (size >= FILE_BYTES) {
        truncated = size > FILE_BYTES;
        break;
      }
    }
    const text = decodeBytes(Buffer.concat(chunks));
    if (looksBinary(text.slice(0, 4096))) return { ok: false, name, why: `${name} is binary, not text` };
    return { ok: true, name, text, truncated };
  } catch (error) {
    return { ok: false, name, why: `${name} could not be downloaded (${(error as Error).message})` };
  }
}

/** The text of the shared files, and a line for each that could not be read. */
export async function filesText(
  deps: SlackDeps,
  message: UserMessage,
  token: string | undefined,
): Promise<{ text: string; notes: string[] }> {
  const files = (message.files ?? []).slice(0, 5);
  if (files.length === 0 || !token) return { text: '', notes: [] };
  const read = await Promise.all(files.map((f) => readSlackFile(f, token, deps.fileHosts)));
  const notes = read.flatMap((r) => (r.ok ? (r.truncated ? [`${r.name} is over 2 MB: I read its first 2 MB`] : []) : [r.why]));
  return { text: read.flatMap((r) => (r.ok ? [r.text] : [])).join('\n'), notes };
}
