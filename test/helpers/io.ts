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
    read: (path) => chunksOf(path === '-' ? stdin : files[path], path),
    isTty: false,
  };
}

/** Small chunks, like a real stream, so pieces are assembled across reads (and a UTF-8 character can be split). */
async function* chunksOf(content: string | Buffer | undefined, path: string): AsyncGenerator<Uint8Array> {
  if (content === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
  for (let offset = 0; offset < bytes.length; offset += 65_521) yield bytes.subarray(offset, offset + 65_521);
}
