#!/usr/bin/env node
import { createReadStream } from 'node:fs';
import type { CliIo } from './io.js';
import { runCli } from './run.js';

/** The CLI's composition root: the only CLI module that touches the process. */
const io: CliIo = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  read: (path) => (path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 256 * 1024 })),
  isTty: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  // stderr's own terminal: `scan --json > scan.json` still shows progress, `2> log` does not
  ...(process.stderr.isTTY ? { progress: (line: string) => process.stderr.write(`\r\x1b[2K${line}`) } : {}),
};

runCli(process.argv.slice(2), io, process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`kubetriage: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 70;
  },
);
