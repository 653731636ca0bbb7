import { diagnose } from '../../diagnose/diagnose.js';
import { findRunbook } from '../../diagnose/runbook.js';
import type { Catalog } from '../../triage/catalog.js';
import { renderDiagnosisText } from '../render/diagnosis-text.js';
import { renderRunbookText } from '../render/runbook-text.js';
import type { Style } from '../render/terminal-style.js';

export const CONSOLE_HELP = `Paste an error (log lines, kubectl output, events, blank lines and all), then press Enter on
an empty line; Ctrl-D also ends a paste.
  /runbook <words>   look up a runbook (typos are fine)
  /help              this text
  /quit              leave (or Ctrl-D on an empty prompt)`;

export const CONSOLE_BANNER = `kubetriage local console: no Slack configured, nothing leaves this machine.
${CONSOLE_HELP}
To connect Slack, set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET
(HTTP mode); see "Connect to Slack" in the README.`;

export interface FeedOptions {
  /**
   * Whether an empty line ends the paste at once (piped input), or only joins it so the runner
   * can decide (a terminal: a pasted log has blank lines of its own, see run-console.ts).
   */
  blankEndsPaste?: boolean;
}

/**
 * The interactive loop, transport-free: feed it lines, it returns what to print. A blank line
 * (or end of input) ends a paste; a paste that starts with "/" is a command.
 */
export class ConsoleSession {
  private buffer: string[] = [];

  constructor(
    private readonly kb: Catalog,
    private readonly style: Style,
  ) {}

  /** Returns output to print, or 'quit'. */
  feedLine(line: string, options: FeedOptions = {}): string | 'quit' | undefined {
    if (this.buffer.length === 0) {
      const command = line.trim();
      if (command === '/quit' || command === '/exit') return 'quit';
      if (command === '/help' || command === '/?') return CONSOLE_HELP;
      if (command.startsWith('/runbook')) return this.runbook(command.slice('/runbook'.length));
      if (command === '') return undefined;
    }
    if (line.trim() === '' && this.buffer.length > 0 && (options.blankEndsPaste ?? true)) return this.flush();
    this.buffer.push(line);
    return undefined;
  }

  /** Whether a paste is being collected. */
  get collecting(): boolean {
    return this.buffer.length > 0;
  }

  /** Drops the paste being collected (Ctrl-C). */
  discard(): void {
    this.buffer = [];
  }

  /** At end of input, or when the runner decides a paste is over: whatever was pasted last. */
  flush(): string | undefined {
    if (this.buffer.length === 0) return undefined;
    const text = this.buffer.join('\n');
    this.buffer = [];
    return renderDiagnosisText(diagnose(text, this.kb), this.kb, this.style);
  }

  private runbook(words: string): string {
    if (words.trim() === '') return 'usage: /runbook <words>   e.g. /runbook etcd space exceeded';
    return renderRunbookText(findRunbook(words, this.kb), this.style);
  }
}
