import { diagnose } from '../../diagnose/diagnose.js';
import { findRunbook } from '../../diagnose/runbook.js';
import type { Catalog } from '../../triage/catalog.js';
import { renderDiagnosisText } from '../render/diagnosis-text.js';
import { renderRunbookText } from '../render/runbook-text.js';
import type { Style } from '../render/terminal-style.js';

export const CONSOLE_BANNER = `kubetriage local console: no Slack configured, nothing leaves this machine.
Paste an error (log lines, kubectl output, events), then an empty line or Ctrl-D.
  /runbook <words>   look up a runbook        /quit   leave
To connect Slack, set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET
(HTTP mode); see "Connect to Slack" in the README.`;

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
  feedLine(line: string): string | 'quit' | undefined {
    if (this.buffer.length === 0) {
      const command = line.trim();
      if (command === '/quit' || command === '/exit') return 'quit';
      if (command.startsWith('/runbook')) return this.runbook(command.slice('/runbook'.length));
      if (command === '') return undefined;
    }
    if (line.trim() === '' && this.buffer.length > 0) return this.flush();
    this.buffer.push(line);
    return undefined;
  }

  /** At end of input: whatever was pasted last. */
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
