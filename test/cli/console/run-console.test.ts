import { PassThrough, Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PASTE_SETTLE_MS, runConsole } from '../../../src/cli/console/run-console.js';
import { shippedKnowledge } from '../../helpers/kb.js';

const KOPS_LINE = 'install-cni: Unable to create token for CNI kubeconfig error=Unauthorized';

async function consoleOver(interactive: boolean) {
  const kb = await shippedKnowledge();
  const input = new PassThrough();
  let text = '';
  const output = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  const finished = runConsole(kb, input, output, interactive);
  return { input, output: () => text, finished };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
// a terminal gets colours and cursor movements; the answers are what is left without them
const answers = (text: string) => stripVTControlCharacters(text).match(/^(?:NO )?MATCH\b.*$/gm) ?? [];

describe('the console on a terminal', () => {
  it('takes a pasted log with blank lines in it as one paste', async () => {
    const c = await consoleOver(true);
    c.input.write(`Events:\n  Warning  BackOff  kubelet  restarting\n\n${KOPS_LINE}\n\n`);
    await pause(PASTE_SETTLE_MS * 3);
    expect(answers(c.output())).toEqual([expect.stringMatching(/^MATCH kops-sa-issuer-change/)]);
    // the evidence is the pasted line 4: the blank line did not cut the paste
    expect(stripVTControlCharacters(c.output())).toMatch(/line 4 · /);
    c.input.end();
    await c.finished;
  });

  it('answers when an empty line is followed by silence, not before', async () => {
    const c = await consoleOver(true);
    c.input.write(`${KOPS_LINE}\n`);
    await pause(20);
    c.input.write('\n');
    await pause(PASTE_SETTLE_MS / 3);
    expect(answers(c.output())).toEqual([]);
    await pause(PASTE_SETTLE_MS * 2);
    expect(answers(c.output())).toHaveLength(1);
    c.input.end();
    await c.finished;
  });

  it('shows a prompt, and answers /help without a paste', async () => {
    const c = await consoleOver(true);
    await pause(50);
    expect(c.output()).toContain('kubetriage> ');
    c.input.write('/help\n');
    await pause(50);
    expect(c.output()).toContain('/runbook <words>');
    c.input.write('/quit\n');
    await c.finished;
  });

  it('drops a paste on Ctrl-C and leaves on a second one', async () => {
    const c = await consoleOver(true);
    c.input.write(`${KOPS_LINE}\n`);
    await pause(20);
    c.input.write('\x03');
    await pause(PASTE_SETTLE_MS * 2);
    expect(c.output()).toContain('(paste discarded)');
    expect(answers(c.output())).toEqual([]);
    c.input.write('\x03');
    await c.finished;
  });
});

describe('the console on piped input', () => {
  it('ends each paste at an empty line, and answers what is left at the end', async () => {
    const c = await consoleOver(false);
    c.input.end(`${KOPS_LINE}\n\ndeploying v1.2.3 now\n`);
    await c.finished;
    expect(answers(c.output())).toEqual([expect.stringMatching(/^MATCH kops-sa-issuer-change/), expect.stringMatching(/^NO MATCH/)]);
    expect(c.output()).not.toContain('kubetriage> ');
  });
});
