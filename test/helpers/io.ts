import type { CliIo } from '../../src/cli/io.js';

export interface MemoryIo extends CliIo {
  stdout: string[];
  stderr: string[];
}

/** An in-memory terminal: stdin and files are what the test says, output is collected. */
export function memoryIo(stdin = '', files: Record<string, string | Buffer> = {}): MemoryIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    readStdin: async () => Buffer.from(stdin),
    readFile: async (path) => {
      const content = files[path];
      if (content === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
      return Buffer.isBuffer(content) ? content : Buffer.from(content);
    },
    isTty: false,
  };
}
