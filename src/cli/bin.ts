#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import type { CliIo } from './io.js';
import { runCli } from './run.js';

/** The CLI's composition root: the only CLI module that touches the process. */
const io: CliIo = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  readStdin: async () => Buffer.from(await text(process.stdin), 'utf8'),
  readFile: (path) => readFile(path),
  isTty: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
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
