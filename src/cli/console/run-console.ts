import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Catalog } from '../../triage/catalog.js';
import { terminalStyle } from '../render/terminal-style.js';
import { CONSOLE_BANNER, ConsoleSession } from './session.js';

/**
 * A terminal delivers a paste as one burst of lines, blank lines included, within a few
 * milliseconds; a person pressing Enter on an empty line is followed by silence. So on a terminal
 * an empty line ends the paste only when nothing else arrives for this long.
 */
export const PASTE_SETTLE_MS = 150;

const PROMPT = 'kubetriage> ';
const CONTINUE = '        ... ';

/**
 * Runs the local console over the given streams until /quit or end of input. On a terminal it
 * has a prompt, line editing and history (node:readline; history stays in memory, since pastes
 * may hold secrets before redaction), and takes a multi-line paste with blank lines in it as one
 * paste. Piped input is read as it comes: an empty line ends each paste.
 */
export async function runConsole(kb: Catalog, input: Readable, output: Writable, interactive: boolean): Promise<void> {
  const session = new ConsoleSession(kb, terminalStyle(interactive));
  const write = (text: string) => output.write(`${text}\n`);
  write(CONSOLE_BANNER);
  write(`${kb.incidents.length} known incidents loaded from ${kb.dir}\n`);
  const lines = createInterface({
    input,
    output: interactive ? output : undefined,
    terminal: interactive,
    prompt: PROMPT,
    historySize: interactive ? 200 : 0,
    removeHistoryDuplicates: true,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let settle: NodeJS.Timeout | undefined;
  const prompt = () => {
    if (!interactive) return;
    lines.setPrompt(session.collecting ? CONTINUE : PROMPT);
    lines.prompt();
  };
  const answer = (text: string | undefined) => {
    if (text) write(`\n${text}\n`);
  };
  return new Promise<void>((resolve) => {
    lines.on('line', (line) => {
      clearTimeout(settle);
      const result = session.feedLine(line, { blankEndsPaste: !interactive });
      if (result === 'quit') {
        lines.close();
        return;
      }
      answer(result);
      if (interactive && line.trim() === '' && session.collecting) {
        settle = setTimeout(() => {
          answer(session.flush());
          prompt();
        }, PASTE_SETTLE_MS);
        return;
      }
      prompt();
    });
    // Ctrl-C: drop a paste being collected, or leave (readline would otherwise just pause)
    lines.on('SIGINT', () => {
      clearTimeout(settle);
      if (!session.collecting) {
        lines.close();
        return;
      }
      session.discard();
      write('\n(paste discarded)');
      prompt();
    });
    lines.on('close', () => {
      clearTimeout(settle);
      answer(session.flush());
      resolve();
    });
    prompt();
  });
}
