import { stripVTControlCharacters } from 'node:util';
import { asciiClass, hasRunOf, redactSecrets } from '../redact.js';
import { redactCutSecrets } from './cut-secrets.js';
import { extractFacts, type Fact } from './facts.js';
import { flattenLine, unframe } from './flatten.js';
import { assembleRecords, cutLength, type PasteRecord, type TextLine, wrapOf, wrapWidth } from './records.js';
import { plainTypography } from './typography.js';

/** Lines are cut here before any regex runs, which bounds the cost of every signature. */
export const MAX_LINE_CHARS = 4096;

export interface NormalizedPaste {
  /** redacted, cleaned records (wrapped lines joined) as they are shown back to the user */
  display: string[];
  /** the same records with volatile values replaced by placeholders, lowercased: what signatures see */
  canonical: string[];
  /** canonical joined by newlines, as it was made: the fingerprint and the literal scan read it whole */
  canonicalText: string;
  /** 1-based number of the pasted line each record starts on */
  lineNumbers: number[];
  /** fields of describe blocks and get tables, for `fact` signatures */
  facts: Fact[];
  /**
   * Other readings of records a terminal may have cut in the middle of a word (the paste shows no
   * wrap width, so the join got a space): the record joined without it, redacted and canonical
   * like the rest. Signatures are tested on them too; they are not records of their own.
   */
  alternates: Alternate[];
  redactions: number;
  binary: boolean;
}

export interface Alternate {
  /** index of the record it reads differently */
  record: number;
  display: string;
  canonical: string;
}

/** A paste of prose can have many possible cuts: past this many, the rest are not tried. */
const MAX_ALTERNATES = 64;

/** Control characters other than tab, newline, CR and ESC (colours), or U+FFFD (undecodable bytes). */
function isBinaryUnit(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x1b && code !== 0x0b && code !== 0x0c) || code === 0xfffd
  );
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this regex is for
const BINARY_UNIT = /[\x00-\x08\x0e-\x1a\x1c-\x1f\ufffd]/;

/** A paste is binary when control or undecodable characters make up more than 5 % of it. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 64 * 1024);
  // text almost never has one such character: one regex scan settles it without a count
  if (sample.length === 0 || !BINARY_UNIT.test(sample)) return false;
  let binary = 0;
  for (let i = 0; i < sample.length; i++) if (isBinaryUnit(sample.charCodeAt(i))) binary++;
  return binary / sample.length > 0.05;
}

/** Whitespace inside a line longer than a secret rule's \s{0,4}: folding it could bring a key to its value. */
const INNER_GAP = /\S\s{5,}\S/;
/** Runs of spaces, vertical tabs and form feeds inside a record: one space each. */
const GAPS = /[\v\f ]{2,}|[\v\f]/g;

/**
 * Markdown around pasted text: quote marks, code fences, inline code. Indentation stays: it tells
 * structure. `framed`: whether the paste has box drawing at all (one test for the whole paste,
 * not one per line; the steps before it only remove characters).
 */
function stripMarkdown(line: string, framed: boolean): string {
  // each step only when its character is there: most lines of a log have none of them
  let text = line;
  if (text.includes('`')) {
    if (/^\s*```[\w-]*\s*$/.test(text)) return '';
    text = text.replace(/`/g, '');
  }
  if (text.includes('>')) text = text.replace(/^\s{0,8}(?:>\s?){1,4}/, '');
  // GitHub turns names that look like domains into links when an issue is copied as markdown
  // ("[node.kubernetes.io/disk-pressure](http://node.kubernetes.io/disk-pressure)"): the name stays
  if (text.includes('](')) text = text.replace(MARKDOWN_LINK, '$1');
  if (framed && BOX_CHARS.test(text)) text = unframe(text);
  return text.includes('\t') ? text.replace(/\t/g, '  ') : text;
}
/** A link GitHub made of a name (its target is the name itself); a link a person wrote keeps its target, which can tell. */
const MARKDOWN_LINK = /\[([^\]\s]{1,300})\]\((?:https?:\/\/|mailto:)\1\/?\)/g;
const BOX_CHARS = /[\u2500-\u257f]/;
const FRAME_END = /[│┃║]\s*$/;

/** Whether the line is empty or white space only; a line starting with a printable ASCII character needs no trim. */
function isBlank(line: string): boolean {
  const first = line.charCodeAt(0);
  return first > 32 && first < 127 ? false : line.trim().length === 0;
}

interface Replacement {
  pattern: RegExp;
  placeholder: string | ((match: string) => string);
  /** a cheap test that the pattern can match at all; false skips a regex that would try every word */
  present?: (text: string) => boolean;
}

const HEX_DIGIT = asciiClass('0123456789abcdef');
const MINUTES = /:\d\d:/;

const CANONICAL_REPLACEMENTS: ReadonlyArray<Replacement> = [
  // ISO 8601 and RFC 3339 timestamps, with optional fraction and zone
  { pattern: /\b\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:z|[+-]\d{2}:?\d{2})?(?: utc)?/g, placeholder: '<ts>' },
  // klog header: I1121 22:55:04.123456
  { pattern: /\b[iwef]\d{4} \d{2}:\d{2}:\d{2}\.\d+/g, placeholder: '<ts>' },
  // syslog / journald: Nov 21 22:55:04. Its ":04:" is rare once the timestamps above are
  // placeholders, and found at the speed of a literal; the month names are tried at every word.
  {
    pattern: /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec) {1,2}\d{1,2} \d{2}:\d{2}:\d{2}/g,
    placeholder: '<ts>',
    present: (text) => MINUTES.test(text),
  },
  // UUIDs, and ids of 12-64 hex digits with a digit and a letter: one regex for both (they start
  // alike), the digit-and-letter test in the callback rather than two lookaheads at every word.
  // Either holds a run of 12 hex digits (the 8 + 4 of an id, a UUID's last group): a text without
  // one (most logs once timestamps are placeholders) skips the costliest of these regexes.
  // Bounded by "not a letter or digit" rather than \b: an underscore is a word character, and ids
  // sit between underscores in names the runtime and provisioners build (k8s_<ctr>_<pod>_<ns>_<uid>_0,
  // pvc-<uuid>_<namespace>_<claim>), which \b left unreplaced.
  {
    pattern: /(?<![0-9a-z])[0-9a-f]{8}(?:(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}|[0-9a-f]{4,56})(?![0-9a-z])/g,
    placeholder: (id: string) => (id.includes('-') ? '<uuid>' : /\d/.test(id) && /[a-f]/.test(id) ? '<hex>' : id),
    present: (text) => hasRunOf(text, 12, HEX_DIGIT),
  },
  {
    pattern: /\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g,
    placeholder: (ip: string) => (ip.split('.').every((octet) => Number(octet) <= 255) ? '<ip>' : ip),
  },
  // Kubernetes name suffixes use consonants and digits only: -<replicaset hash>-<pod id> or -<pod id>
  { pattern: /-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}\b/g, placeholder: '-<hash>' },
  { pattern: /-(?=[bcdfghjklmnpqrstvwxz]{0,4}\d)[bcdfghjklmnpqrstvwxz2456789]{5}\b/g, placeholder: '-<hash>' },
];

export function canonicalize(line: string): string {
  let result = line.toLowerCase();
  for (const { pattern, placeholder, present } of CANONICAL_REPLACEMENTS) {
    if (present && !present(result)) continue;
    result = result.replace(pattern, placeholder as string);
  }
  return result;
}

/** An SGR colour code written out as text: `\e[0m`, `\033[1;31m`, `\x1b[92m`, `\u001b[0m`. */
const PRINTED_COLOUR = /\\(?:e|033|x1b|u001b)\[[0-9;]{0,12}m/i;
const PRINTED_COLOUR_ALL = new RegExp(PRINTED_COLOUR.source, 'gi');

/**
 * Redacts, cleans and cuts one piece of a paste into records. `firstLine` is the number of its
 * first line in the whole input, so a long file normalised piece by piece keeps true numbers.
 */
export function normalizePaste(raw: string, firstLine = 1): NormalizedPaste {
  if (looksBinary(raw))
    return {
      display: [],
      canonical: [],
      canonicalText: '',
      lineNumbers: [],
      facts: [],
      alternates: [],
      redactions: 0,
      binary: true,
    };
  // Redaction first, on the raw text; then again on the finished records, because unescaping
  // JSON, dropping backticks, folding gaps or joining wrapped lines can join a key to its value
  // or free a token.
  // Colour codes go first: they are terminal noise, never a secret, and a rule must see a key
  // next to its value ("password:\e[0m hunter2" would otherwise lose the escape, not the password).
  // So does the typography of editors and web pages (spaces, quotes, entities), for the same reason.
  // A script that echoes its colours without `echo -e` prints them as text ("\e[93mChecking…\e[0m");
  // those are dropped the same way, or they would sit inside the words a signature reads.
  const uncoloured = raw.includes('\u001b') || raw.includes('\u009b') ? stripVTControlCharacters(raw) : raw;
  const plain = plainTypography(PRINTED_COLOUR.test(uncoloured) ? uncoloured.replace(PRINTED_COLOUR_ALL, '') : uncoloured);
  const split = plain.split('\n');
  const printed = plain.includes('\r') ? split.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)) : split;
  // a line that ends in a frame's right border was padded to the frame's width, not cut at it
  // (redaction neither adds nor takes box drawing: one test of the paste serves the frames below too)
  const framed = BOX_CHARS.test(plain);
  const sized = framed ? printed.map((l) => (FRAME_END.test(l) ? '' : l)) : printed;
  const width = wrapWidth(sized);
  const cut = cutLength(sized, width);
  const first = redactCutSecrets(printed, redactSecrets(plain), width, cut);
  // nothing redacted (most pastes): the lines are the printed ones, no second split
  const rawLines = first.text === plain ? printed : first.text.split('\n');
  // a line is "dirty" when cleaning changed more than its outer whitespace: only those can have
  // formed a new secret shape, so only records holding one are redacted a second time
  // by index of the pasted line in this piece
  const dirty = new Set<number>();
  // no line can hold a gap the whole text does not: one test of the text, then one per line only if it
  // has one (the same test, never a cheaper stand-in: a gap of vertical tabs and form feeds folds too)
  const gaps = INNER_GAP.test(first.text);
  const lines: TextLine[] = [];
  for (let index = 0; index < rawLines.length; index++) {
    const original = rawLines[index] as string;
    const line = firstLine + index;
    const rawLine = original.endsWith('\r') ? original.slice(0, -1) : original;
    rawLines[index] = rawLine;
    const stripped = stripMarkdown(rawLine.length > MAX_LINE_CHARS ? rawLine.slice(0, MAX_LINE_CHARS) : rawLine, framed);
    if (isBlank(stripped)) {
      lines.push({ text: '', line });
      continue;
    }
    const parts = flattenLine(stripped);
    if (parts.length !== 1 || parts[0] !== rawLine || (gaps && INNER_GAP.test(rawLine))) dirty.add(index);
    // a JSON log line is a record of its own, though its flattened text may not look like a start
    if (parts.length > 0 && parts[0] !== stripped && stripped.trimStart().startsWith('{')) {
      lines.push({ text: parts[0] as string, line, opens: true });
      for (let k = 1; k < parts.length; k++) lines.push({ text: parts[k] as string, line });
    } else for (const text of parts) lines.push({ text, line });
  }
  // A terminal cut the lines as they were printed, secrets and all: widths are those of the
  // lines before redaction changed them. A PEM block taken out changes the line count; then only
  // the redacted lengths are there to go by.
  const measured = printed.length === rawLines.length ? sized : rawLines;
  const facts = extractFacts(lines);
  const records = assembleRecords(
    lines,
    (line) => wrapOf(measured[line - firstLine]?.length ?? 0, width),
    (line) => cut !== undefined && measured[line - firstLine]?.length === cut,
  );
  const display = records.map((r) => displayOf(r.text));
  let count = first.count;
  // The second pass runs once over the dirty records joined (one regex run per rule, not per
  // record); a rule that would join two records (none should, the first pass took PEM blocks)
  // falls back to one run per record.
  const again: number[] = [];
  records.forEach((r, i) => {
    if (r.lastLine !== r.line || dirty.has(r.line - firstLine)) again.push(i);
  });
  if (again.length > 0) {
    const joined = redactSecrets(again.map((i) => display[i]).join('\n'));
    const texts = joined.text.split('\n');
    if (texts.length === again.length) {
      again.forEach((i, k) => {
        display[i] = texts[k] as string;
      });
      count += joined.count;
    } else {
      for (const i of again) {
        const each = redactSecrets(display[i] as string);
        display[i] = each.text;
        count += each.count;
      }
    }
  }
  const alternates = alternatesOf(records);
  const canonicalText = canonicalize(display.join('\n'));
  return {
    display,
    canonical: canonicalText.split('\n'),
    canonicalText,
    lineNumbers: records.map((r) => r.line),
    facts,
    alternates,
    redactions: count,
    binary: false,
  };
}

/** A record as shown: runs of spaces folded, outer white space trimmed. */
function displayOf(text: string): string {
  return (text.includes('  ') || text.includes('\v') || text.includes('\f') ? text.replace(GAPS, ' ') : text).trim();
}

/**
 * The records' possible cuts, each joined without its space. Redacted again: the join can make a
 * secret's shape (the first pass saw the lines as printed, so what a cut split is already gone).
 */
function alternatesOf(records: readonly PasteRecord[]): Alternate[] {
  const found: Array<{ record: number; text: string }> = [];
  records.forEach((r, i) => {
    for (const at of r.cuts ?? []) found.push({ record: i, text: r.text.slice(0, at) + r.text.slice(at + 1) });
    const next = records[i + 1];
    if (r.cutAtEnd && next) found.push({ record: i, text: r.text + next.text });
  });
  if (found.length === 0) return [];
  const kept = found.slice(0, MAX_ALTERNATES);
  const texts = kept.map((a) => redactSecrets(displayOf(a.text)).text);
  const canonical = canonicalize(texts.join('\n')).split('\n');
  return kept.map((a, k) => ({ record: a.record, display: texts[k] as string, canonical: canonical[k] as string }));
}
