import { createRequire } from 'node:module';
import { type Logger, type LoggerOptions, pino } from 'pino';
import type PinoPretty from 'pino-pretty';
import { redactSecrets } from '../redact.js';

export type { Logger } from 'pino';

/** Known secret-bearing keys; free text in any logged string is redacted by the hook below. */
const REDACT_PATHS = ['token', 'botToken', 'appToken', 'signingSecret', '*.token', 'headers.authorization', 'authorization', 'password'];

function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value).text;
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error)
    return { name: value.name, message: redactSecrets(value.message).text, stack: redactSecrets(value.stack ?? '').text };
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, depth + 1)]));
}

/**
 * Structured JSON logs. pino's own redaction only knows key paths, so every argument (message
 * strings and object values alike) also passes the text redactor: a token planted in a paste
 * never reaches the log.
 */
export function createLogger(level: string, destination?: pino.DestinationStream, pretty = false): Logger {
  const options: LoggerOptions = {
    level,
    base: { app: 'kubetriage' },
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => redactDeep(a)) as Parameters<typeof method>);
      },
    },
  };
  if (destination) return pino(options, destination);
  // A person at a terminal gets readable lines; everything else (containers, pipes) gets JSON.
  if (!pretty) return pino(options);
  // required only for a terminal (pino-pretty is CommonJS): a container never loads it
  const pinoPretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  return pino(options, pinoPretty({ colorize: true, translateTime: 'SYS:HH:MM:ss' }));
}
