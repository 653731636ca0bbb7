import type { SlackFile } from './files.js';

/** The fields of a message or app_mention event we read. */
export interface UserMessage {
  type: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
  /** snippets and files shared with the message (subtype file_share) */
  files?: SlackFile[];
}
