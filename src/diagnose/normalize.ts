import { stripVTControlCharacters } from 'node:util';
import { redactSecrets } from '../redact.js';

/** Pastes above this are cut to their head and tail: errors sit at the ends of long logs. */
export const MAX_INPUT_CHARS = 256 * 1024;
/** Lines are cut here before any regex runs, which bounds the cost of every signature. */
export const MAX_LINE_CHARS = 4096;

export interface NormalizedPaste {
  /** redacted, cleaned lines as they are shown back to the user */
  display: string[];
  /** the same lines with volatile values replaced by placeholders, lowercased: what signatures see */
  canonical: string[];
  /** 1-based line number in the original paste for each line */
  lineNumbers: number[];
  redactions: number;
  truncated: boolean;
  binary: boolean;
}

/** Control characters other than tab, newline, CR and ESC (colours), or U+FFFD (undecodable bytes). */
function isBinaryUnit(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x1b && code !== 0x0b && code !== 0x0c) || code === 0xfffd
  );
}

/** A paste is binary when control or undecodable characters make up more than 5 % of it. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 64 * 1024);
  if (sample.length === 0) return false;
  let binary = 0;
  for (let i = 0; i < sample.length; i++) if (isBinaryUnit(sample.charCodeAt(i))) binary++;
  return binary / sample.length > 0.05;
}

function capLength(text: string): { text: string; truncated: boolean } {
  if (text.length <= MAX_INPUT_CHARS) return { text, truncated: false };
  const half = MAX_INPUT_CHARS / 2;
  return { text: `${text.slice(0, half)}\n${text.slice(-half)}`, truncated: true };
}

/** JSON log lines carry escaped quotes and newlines; nested encodings carry them twice. */
function unescapeJson(text: string): string {
  let result = text;
  for (let pass = 0; pass < 3 && /\\["ntr]/.test(result); pass++) {
    result = result.replace(/\\\\/g, '\\').replace(/\\(["ntr])/g, (_, c: string) => (c === '"' ? '"' : c === 'n' ? '\n' : ' '));
  }
  return result;
}

function cleanLine(line: string): string {
  return line
    .replace(/^\s{0,8}(?:>\s?){1,4}/, '') // markdown quote
    .replace(/^\s*```\w*\s*$/, '') // code fence
    .replace(/`/g, '')
    .replace(/[\t\v\f\r ]+/g, ' ')
    .trim();
}

const CANONICAL_REPLACEMENTS: ReadonlyArray<readonly [RegExp, string]> = [
  // ISO 8601 and RFC 3339 timestamps, with optional fraction and zone
  [/\b\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:z|[+-]\d{2}:?\d{2})?(?: utc)?/g, '<ts>'],
  // klog header: I1121 22:55:04.123456
  [/\b[iwef]\d{4} \d{2}:\d{2}:\d{2}\.\d+/g, '<ts>'],
  // syslog / journald: Nov 21 22:55:04
  [/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec) {1,2}\d{1,2} \d{2}:\d{2}:\d{2}/g, '<ts>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uuid>'],
  [/\b(?=[0-9a-f]{0,63}\d)(?=[0-9a-f]{0,63}[a-f])[0-9a-f]{12,64}\b/g, '<hex>'],
  [/\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g, '<ip>'],
  // Kubernetes name suffixes use consonants and digits only: -<replicaset hash>-<pod id> or -<pod id>
  [/-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}\b/g, '-<hash>'],
  [/-(?=[bcdfghjklmnpqrstvwxz]{0,4}\d)[bcdfghjklmnpqrstvwxz2456789]{5}\b/g, '-<hash>'],
];

export function canonicalize(line: string): string {
  let result = line.toLowerCase();
  for (const [pattern, placeholder] of CANONICAL_REPLACEMENTS) result = result.replace(pattern, placeholder);
  return result;
}

export function normalizePaste(raw: string): NormalizedPaste {
  const { text: capped, truncated } = capLength(raw);
  if (looksBinary(capped)) {
    return { display: [], canonical: [], lineNumbers: [], redactions: 0, truncated, binary: true };
  }
  // Redaction first, on the raw text; then again on the finished lines, because unescaping JSON
  // or dropping backticks can join a key to its value or free a token.
  const first = redactSecrets(capped);
  const cleaned = unescapeJson(stripVTControlCharacters(first.text).replace(/\r\n?/g, '\n'));
  const cut = cleaned.split('\n').map((rawLine) => cleanLine(rawLine.length > MAX_LINE_CHARS ? rawLine.slice(0, MAX_LINE_CHARS) : rawLine));
  // The second pass runs once over the finished lines joined (one regex run per rule, not per line);
  // a rule that would join two lines (none should, the first pass took PEM blocks) falls back to per line.
  const joined = redactSecrets(cut.join('\n'));
  let lines = joined.text.split('\n');
  let count = first.count + joined.count;
  if (lines.length !== cut.length) {
    const each = cut.map((line) => redactSecrets(line));
    lines = each.map((r) => r.text);
    count = first.count + each.reduce((n, r) => n + r.count, 0);
  }
  const display: string[] = [];
  const canonical: string[] = [];
  const lineNumbers: number[] = [];
  lines.forEach((line, index) => {
    if (line.length === 0) return;
    display.push(line);
    canonical.push(canonicalize(line));
    lineNumbers.push(index + 1);
  });
  return { display, canonical, lineNumbers, redactions: count, truncated, binary: false };
}
