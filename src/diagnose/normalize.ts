import { stripVTControlCharacters } from 'node:util';
import { redactSecrets } from '../redact.js';
import { extractFacts, type Fact } from './facts.js';
import { flattenLine, unframe } from './flatten.js';
import { assembleRecords, type TextLine, wrapOf, wrapWidth } from './records.js';

/** Lines are cut here before any regex runs, which bounds the cost of every signature. */
export const MAX_LINE_CHARS = 4096;

export interface NormalizedPaste {
  /** redacted, cleaned records (wrapped lines joined) as they are shown back to the user */
  display: string[];
  /** the same records with volatile values replaced by placeholders, lowercased: what signatures see */
  canonical: string[];
  /** 1-based number of the pasted line each record starts on */
  lineNumbers: number[];
  /** fields of describe blocks and get tables, for `fact` signatures */
  facts: Fact[];
  redactions: number;
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

/** Markdown around pasted text: quote marks, code fences, inline code. Indentation stays: it tells structure. */
function stripMarkdown(line: string): string {
  if (/^\s*```[\w-]*\s*$/.test(line)) return '';
  return unframe(line.replace(/^\s{0,8}(?:>\s?){1,4}/, '').replace(/`/g, '')).replace(/\t/g, '  ');
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

/**
 * Redacts, cleans and cuts one piece of a paste into records. `firstLine` is the number of its
 * first line in the whole input, so a long file normalised piece by piece keeps true numbers.
 */
export function normalizePaste(raw: string, firstLine = 1): NormalizedPaste {
  if (looksBinary(raw)) return { display: [], canonical: [], lineNumbers: [], facts: [], redactions: 0, binary: true };
  // Redaction first, on the raw text; then again on the finished records, because unescaping
  // JSON, dropping backticks or joining wrapped lines can join a key to its value or free a token.
  const first = redactSecrets(raw);
  const rawLines = stripVTControlCharacters(first.text).replace(/\r\n?/g, '\n').split('\n');
  const lengths = rawLines.map((l) => l.length);
  const width = wrapWidth(rawLines);
  const lines: TextLine[] = [];
  rawLines.forEach((rawLine, index) => {
    const line = firstLine + index;
    const text = stripMarkdown(rawLine.length > MAX_LINE_CHARS ? rawLine.slice(0, MAX_LINE_CHARS) : rawLine);
    if (text.trim().length === 0) lines.push({ text: '', line });
    else for (const part of flattenLine(text)) lines.push({ text: part, line });
  });
  const facts = extractFacts(lines);
  const records = assembleRecords(lines, (line) => wrapOf(lengths[line - firstLine] ?? 0, width));
  const folded = records.map((r) => r.text.replace(/[\v\f ]+/g, ' ').trim());
  // The second pass runs once over the records joined (one regex run per rule, not per record);
  // a rule that would join two records (none should, the first pass took PEM blocks) falls back to per record.
  const joined = redactSecrets(folded.join('\n'));
  let display = joined.text.split('\n');
  let count = first.count + joined.count;
  if (display.length !== folded.length) {
    const each = folded.map((text) => redactSecrets(text));
    display = each.map((r) => r.text);
    count = first.count + each.reduce((n, r) => n + r.count, 0);
  }
  const canonical = canonicalize(display.join('\n')).split('\n');
  return { display, canonical, lineNumbers: records.map((r) => r.line), facts, redactions: count, binary: false };
}
