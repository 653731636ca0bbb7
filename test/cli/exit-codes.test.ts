import { describe, expect, it } from 'vitest';
import { EXIT, exitForError, exitForVerdict } from '../../src/cli/exit-codes.js';
import { runCli, USAGE } from '../../src/cli/run.js';
import { KubetriageError } from '../../src/errors.js';
import { memoryIo } from '../helpers/io.js';

describe('exit codes a CI gate can use', () => {
  it('are distinct', () => {
    expect(new Set(Object.values(EXIT)).size).toBe(Object.keys(EXIT).length);
  });

  it.each([
    ['confirmed', EXIT.finding],
    ['refuted', EXIT.ok],
    ['inconclusive', EXIT.inconclusive],
  ] as const)('a %s verdict exits %i', (verdict, code) => {
    expect(exitForVerdict(verdict)).toBe(code);
  });

  it('an unreadable cluster is inconclusive; every other coded error is the input', () => {
    expect(exitForError(new KubetriageError('CLUSTER_UNREADABLE', 'x'))).toBe(EXIT.inconclusive);
    expect(exitForError(new KubetriageError('UNKNOWN_CLUSTER', 'x'))).toBe(EXIT.usage);
  });

  it('--help documents every code', async () => {
    const io = memoryIo();
    expect(await runCli(['--help'], io)).toBe(EXIT.ok);
    for (const code of Object.values(EXIT)) expect(USAGE).toMatch(new RegExp(`^  ${code} `, 'm'));
  });

  it('a runbook search with no result is an answer, not an error', async () => {
    const io = memoryIo();
    expect(await runCli(['runbook', 'zzqx', 'wvvy'], io)).toBe(EXIT.ok);
  });

  it('an unreadable file is an input error', async () => {
    const io = memoryIo();
    expect(await runCli(['diagnose', '/nonexistent/paste.txt'], io)).toBe(EXIT.usage);
  });
});
