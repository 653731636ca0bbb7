import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Catalog } from '../../triage/catalog.js';
import { terminalStyle } from '../render/terminal-style.js';
import { CONSOLE_BANNER, ConsoleSession } from './session.js';

/** Runs the local console over the given streams until /quit or end of input. */
export async function runConsole(kb: Catalog, input: Readable, output: Writable, interactive: boolean): Promise<void> {
  const session = new ConsoleSession(kb, terminalStyle(interactive));
  const write = (text: string) => output.write(`${text}\n`);
  write(CONSOLE_BANNER);
  write(`${kb.incidents.length} known incidents loaded from ${kb.dir}\n`);
  const lines = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    const result = session.feedLine(line);
    if (result === 'quit') {
      lines.close();
      return;
    }
    if (result) write(`\n${result}\n`);
  }
  const last = session.flush();
  if (last) write(`\n${last}\n`);
}
