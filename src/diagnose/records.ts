import { TABLE_COLUMN } from './facts.js';

/**
 * Records, not lines: terminals, GitHub and Slack wrap long lines, YAML folds a long message over
 * several indented lines, and a kubectl event message continues under its row. A line that does
 * not start like a new record continues the one before it, so a signature sees the whole message
 * however it was wrapped. Every record keeps the number of the pasted line it starts on.
 */

export interface TextLine {
  text: string;
  /** 1-based number of the pasted line this text comes from */
  line: number;
  /**
   * Starts a record whatever its text looks like: the first text of a JSON log line. Flattened,
   * `{"level":"info","msg":"Reconciling"}` reads "info Reconciling", which does not look like a
   * record's start, but the pasted line did.
   */
  opens?: boolean;
}

export interface PasteRecord {
  text: string;
  /** 1-based number of the pasted line the record starts on */
  line: number;
  /** 1-based number of the pasted line the record ends on */
  lastLine: number;
  /**
   * Joins that may have been a terminal's cut in the middle of a word, though the paste shows no
   * wrap width (only one line was long enough to be cut): offsets in `text` of the spaces put in
   * there, and `cutAtEnd` when the record after this one may be its cut-off rest.
   */
  cuts?: number[];
  cutAtEnd?: boolean;
}

/** At most this many possible cuts are kept per record: each is one more text to test. */
const MAX_CUTS = 4;
const ENDS_IN_SPACE = /\s$/;

/** A record is cut here, so one runaway record (a stack trace with no blank line) cannot grow without bound. */
export const MAX_RECORD_CHARS = 4096;
/** Terminal wrapping is only assumed at widths a terminal has. */
const MIN_WRAP_WIDTH = 60;

/** Commands a pasted shell line starts with, too long to be the rest of a word a terminal cut. */
const LONG_COMMANDS = [
  'kubectl',
  'kubeadm',
  'kops',
  'eksctl',
  'helm',
  'docker',
  'crictl',
  'nerdctl',
  'podman',
  'journalctl',
  'systemctl',
  'sudo',
  'minikube',
  'k3s',
  'rke2',
  'terraform',
  'ansible-playbook',
  'curl',
];
/** Short ones ("k", "ls"), which a cut word's rest can be: they start a record only where no wrap cut the line before. */
const SHORT_COMMANDS = ['k', 'oc', 'ctr', 'ssh', 'aws', 'gcloud', 'az', 'kind', 'cat', 'ls', 'tail', 'grep'];

/**
 * What a new record looks like at its start: a timestamp or log-level prefix, a klog header, a
 * JSON object, a [phase] or [LEVEL] tag, a YAML or describe key, a TOML line, a list item, a kubectl event
 * row, a shell prompt or command, an error word. Tested case-insensitively; a capitalised word
 * (a sentence, "Error: …", "Warning …") starts a record too, tested on its own (capitalised).
 */
const RECORD_START = new RegExp(
  [
    String.raw`^\d{4}[-/]\d{2}[-/]\d{2}`, // ISO or nginx date
    String.raw`^\d{1,2}:\d{2}:\d{2}`, // time of day
    String.raw`^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\s{1,2}\d{1,2}\s`, // syslog / journald
    String.raw`^[iwef]\d{4}\s`, // klog
    '^(?:time|level|ts|msg)=', // logfmt
    String.raw`^[{[](?:"|\s*$|[a-z][\w ./-]{0,40}\]|\s*\d+\.\d+\])`, // JSON, [phase] / [ERROR] tags, dmesg
    String.raw`^(?:\d{1,3}\.){3}\d{1,3}\b`, // access log: client address first
    String.raw`^(?:\d+[smhd])+\s+(?:normal|warning)\b`, // kubectl get events row
    String.raw`^(?:normal|warning)\s`, // describe events row
    String.raw`^-?\s?[\w./"'-]{1,80}:(?:\s|$)`, // YAML / describe key, "error: …"
    String.raw`^[\w.-]{1,60} = \S|^\[{1,2}[\w."-]{1,120}\]{1,2}\s*$`, // TOML / INI key = value, [section] (containerd's config.toml)
    String.raw`^[-*•+]\s`, // list item
    String.raw`^(?:[$#>%❯➜»]|\S{0,60}[$#%>»]\s)`, // shell prompt
    `^(?:${[...LONG_COMMANDS, ...SHORT_COMMANDS].join('|')})\\s`,
    String.raw`^(?:error|fatal|panic|warning|failed|unable|cannot|couldn't)\b`,
  ].join('|'),
  'i',
);

/**
 * A start no wrapped remainder has: a timestamp, a klog header, logfmt, a JSON object. Lines of
 * one log template are often all of one length, which looks like a terminal's wrap width; a line
 * that starts like this is a new record even right after one of exactly that width.
 */
const STRONG_START = new RegExp(
  [
    String.raw`^\d{4}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}`,
    String.raw`^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\s{1,2}\d{1,2}\s\d{2}:\d{2}`,
    String.raw`^[iwef]\d{4}\s\d{2}:\d{2}:\d{2}`,
    '^(?:time|level|ts)=',
    '^\\{"',
  ].join('|'),
  'i',
);
/**
 * A command typed at a shell, as a line of its own. After a line of exactly the paste's wrap width
 * it is still more likely the next thing pasted than the rest of a word: lines of one log template
 * share a length, so two of them ending a log make a "width" their last line never was cut at.
 * The record is split there, and the wrapped reading is kept as an alternate.
 */
const COMMAND_LINE = new RegExp(`^(?:${LONG_COMMANDS.join('|')})\\s`);
/** A kubectl get / describe table header: capitalised column names two or more spaces apart. */
const TABLE_HEADER = new RegExp(`^(?:${TABLE_COLUMN}(?:\\s{2,}|\\t|$)){2,}`);
/** The dashes under a describe Events header. */
const TABLE_RULE = /^-{2,}(?:\s+-{2,})+\s*$/;

/** Whether the text starts with A-Z, as /^[A-Z]/ would say, without a regex call per line. */
function capitalised(text: string): boolean {
  const first = text.charCodeAt(0);
  return first >= 65 && first <= 90;
}

function startsRecord(text: string): boolean {
  return capitalised(text) || RECORD_START.test(text);
}
const KEY = /^-?\s?[\w./"'-]{1,80}:(?:\s|$)/;
/** A YAML key whose value opens with a quote: the value goes on until the quote closes. */
const QUOTED_VALUE = /^-?\s?[\w./"-]{1,80}: (['"])/;

/**
 * Whether the record is a quoted YAML value still open at its end. A serializer folds a long
 * quoted message over deeper-indented lines, and a fold can fall right before a word and a colon
 * ("…between minor" / "versions: Parent credential…", "…exceeded" / "quota: q, requested: …"),
 * which looks like a key of its own but is inside the quotes. Doubled single quotes do not close
 * a single-quoted value.
 */
function quoteOpen(text: string): boolean {
  const opened = QUOTED_VALUE.exec(text);
  if (!opened) return false;
  const quote = opened[1] as string;
  const rest = text.slice(opened[0].length);
  if (quote === "'") return !rest.replaceAll("''", '').includes("'");
  // escapes are undone before records are made (flatten.ts), so a message's own quotes ("pods
  // "web" is forbidden") are bare: they come in pairs, and the closing quote makes the count odd
  let quotes = 0;
  for (let at = rest.indexOf('"'); at !== -1; at = rest.indexOf('"', at + 1)) quotes++;
  return quotes % 2 === 0;
}
/** A line that ends inside a message, after a colon and the space that followed it. */
const OPEN_COLON_END = /\S: +$/;
const OPEN_KEY = /^[\w./"-]{1,80}: \S/;

/**
 * The width a terminal wrapped the paste at: the longest line length, if two or more different
 * lines have it exactly (a log line repeated verbatim is no sign of wrapping).
 */
export function wrapWidth(lines: readonly string[]): number | undefined {
  let longest = 0;
  const atLongest = new Set<string>();
  for (const line of lines) {
    if (line.length > longest) {
      longest = line.length;
      atLongest.clear();
      atLongest.add(line);
    } else if (line.length === longest && atLongest.size < 2) atLongest.add(line);
  }
  return longest >= MIN_WRAP_WIDTH && atLongest.size >= 2 ? longest : undefined;
}

/**
 * With no wrap width to go by, the length a lone cut line would have: a terminal cuts every line
 * longer than its width to exactly that width, so a cut line is one of the paste's longest.
 */
export function cutLength(lines: readonly string[], width: number | undefined): number | undefined {
  if (width !== undefined) return undefined;
  let longest = 0;
  for (const line of lines) if (line.length > longest) longest = line.length;
  return longest >= MIN_WRAP_WIDTH ? longest : undefined;
}

/**
 * How a terminal broke a pasted line: `mid-word` when it has exactly the paste's wrap width,
 * `at-space` when it is a character or two short (the space it broke at was trimmed).
 */
export type Wrap = 'mid-word' | 'at-space' | undefined;

export function wrapOf(length: number, width: number | undefined): Wrap {
  if (width === undefined) return undefined;
  if (length === width) return 'mid-word';
  return length >= width - 2 && length < width ? 'at-space' : undefined;
}

/**
 * Joins wrapped lines to their record. `wrapAt(line)` says whether and how a terminal wrapped
 * that pasted line, so the next one continues it.
 */
export function assembleRecords(
  lines: readonly TextLine[],
  wrapAt: (line: number) => Wrap,
  /** whether a terminal may have cut this pasted line at its end, with no wrap width to tell */
  mayBeCut: (line: number) => boolean = () => false,
): PasteRecord[] {
  const records: PasteRecord[] = [];
  let current: PasteRecord | undefined;
  let indent = 0;
  let inTable = false;
  for (const { text, line, opens } of lines) {
    const trimmed = text.trimStart();
    if (trimmed.length === 0) {
      current = undefined;
      inTable = false;
      continue;
    }
    const lineIndent = text.length - trimmed.length;
    const wrap = current !== undefined && current.lastLine === line - 1 ? wrapAt(current.lastLine) : undefined;
    const wrapped = wrap !== undefined;
    // the cheap test first: a header starts with a capital, a rule with "--"
    if (!wrapped && capitalised(trimmed) && TABLE_HEADER.test(trimmed)) inTable = true;
    let continues = false;
    const rule = trimmed.startsWith('--') && TABLE_RULE.test(trimmed);
    // what a terminal wraps goes on at the first column, and a terminal cuts anywhere: inside a
    // word, an address ("10." / "32.0.1:443"), or right after a space ("dial tcp " / "127.0.0.1:…")
    const cut =
      current !== undefined &&
      wrap === undefined &&
      current.lastLine === line - 1 &&
      lineIndent === 0 &&
      mayBeCut(current.lastLine) &&
      !STRONG_START.test(trimmed);
    const commandAfterWrap = wrap === 'mid-word' && COMMAND_LINE.test(trimmed);
    if (current !== undefined && current.text.length + trimmed.length < MAX_RECORD_CHARS && !rule && !opens) {
      if (wrapped) continues = !STRONG_START.test(trimmed) && !commandAfterWrap;
      else if (inTable) continues = lineIndent > indent + 2 && !startsRecord(trimmed);
      // inside a quoted YAML value, a deeper line is its next fold whatever it starts with
      else if (lineIndent > indent && quoteOpen(current.text)) continues = true;
      else if (!startsRecord(trimmed)) continues = true;
      // a Go error chain broken after one of its ": " (the space left at the line's end): the capitalised
      // cause that follows ("…table `nat': " / "Table does not exist") is the rest of the message
      // (the record's text ends as its last line did: lines are joined with their trailing spaces)
      // (the regex reads the whole record to find its end: only a record that ends in a space can match)
      else if (current.text.endsWith(' ') && OPEN_COLON_END.test(current.text) && !RECORD_START.test(trimmed)) continues = true;
      // a YAML value folded over deeper-indented lines
      else continues = lineIndent > indent && OPEN_KEY.test(current.text) && !KEY.test(trimmed) && !/^[-*•+]\s/.test(trimmed);
    }
    if (continues && current) {
      // (after a space the join with a space is the cut's reading already)
      if (cut && !ENDS_IN_SPACE.test(current.text) && (current.cuts?.length ?? 0) < MAX_CUTS) {
        current.cuts ??= [];
        current.cuts.push(current.text.length);
      }
      // a terminal wraps mid-word: join without a space; anything else was a break between words
      current.text = wrap === 'mid-word' ? current.text + text : `${current.text} ${trimmed}`;
      current.lastLine = line;
    } else {
      if ((cut || commandAfterWrap) && current) current.cutAtEnd = true;
      current = { text: trimmed, line, lastLine: line };
      records.push(current);
      indent = lineIndent;
    }
  }
  return records;
}
