/**
 * One pasted line can carry several lines of text inside an encoding: a JSON log line with the
 * error in "msg", an Ansible result with kubeadm's stderr in a JSON string, a quoted entry of a
 * JSON array (Ansible stdout_lines), a line framed by Helm's or Terraform's box drawing. These
 * helpers take the frame off and give back the text lines inside, all of which keep the number
 * of the pasted line they came from.
 */

/** A JSON value longer than this is left as text: parsing it would cost more than it tells. */
const MAX_JSON_CHARS = 64 * 1024;
/** The fields a structured logger puts the human-readable text in, most telling first. */
const MESSAGE_FIELDS = [
  'msg',
  'message',
  // journald's `journalctl -o json`
  'MESSAGE',
  // a container's line as Docker's json-file driver and log shippers (Fluent Bit, Fluentd) store it
  'log',
  'error',
  'err',
  'errorVerbose',
  'reason',
  'stderr',
  'stdout',
  'stderr_lines',
  'stdout_lines',
];
/** Fields that say who printed the line: kept in front of the message, because signatures name components. */
const ORIGIN_FIELDS = ['level', 'severity', 'logger', 'caller', 'component', 'source'];
const MESSAGE_KEYS = new Set(MESSAGE_FIELDS);
const ORIGIN_KEYS = new Set(ORIGIN_FIELDS);

/** Helm, Terraform and some CLIs frame errors in box drawing: "│ Error: …". */
const BOX_PREFIX = /^\s{0,8}[│┃║╷╵╎┆]\s?/;
const BOX_ONLY = /^\s*[╷╵─━┌┐└┘├┤]+\s*$/;
/** A frame's right border (k9s, boxed tables): the text ends before it. */
const BOX_SUFFIX = /\s+[│┃║]\s*$/;
/** "  \"Sep 04 19:01:52 master origin-node[8940]: E0904 …\", " – one entry of a JSON string array. */
const ARRAY_ENTRY = /^\s*"((?:[^"\\]|\\.)*)"\s*,?\s*$/;
/** Ansible: fatal: [host]: FAILED! => {…}  ·  ok: [host] => {…} */
const ANSIBLE_RESULT = /^(.{0,200}?=>\s?)(\{.*\})\s*$/;
const ESCAPED = /\\(?:["ntr\\]|u[0-9a-fA-F]{4})/;

export function unframe(line: string): string {
  if (BOX_ONLY.test(line)) return '';
  return line.replace(BOX_PREFIX, '').replace(BOX_SUFFIX, '');
}

/** The text lines inside one pasted line (usually just the line itself). */
export function flattenLine(line: string): string[] {
  // most lines start with a printable ASCII character: that is their first non-space, no regex needed
  const head = line.charCodeAt(0);
  const opening = head > 32 && head < 127 ? line[0] : line[line.search(/\S/)];
  // a plain line (the common case) needs none of the parsers below
  if (opening !== '{' && opening !== '"' && !line.includes('=>') && !line.includes('\\')) return [line];
  const trimmed = line.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
    const fields = parseObject(trimmed);
    if (fields) return jsonLogLines(fields);
  }
  const ansible = trimmed.includes('=>') ? ANSIBLE_RESULT.exec(trimmed) : null;
  if (ansible) {
    const fields = parseObject(ansible[2] as string);
    if (fields) return [`${(ansible[1] as string).trim()}`, ...jsonLogLines(fields)];
  }
  const entry = trimmed.startsWith('"') ? ARRAY_ENTRY.exec(line) : null;
  if (entry) return unescapeText(entry[1] as string);
  return ESCAPED.test(line) ? unescapeText(line) : [line];
}

function parseObject(text: string): Record<string, unknown> | undefined {
  if (text.length > MAX_JSON_CHARS) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A JSON log line as lines a person would read: who printed it and the message on the first,
 * then every other message field, then the remaining scalar fields as key=value. Messages that
 * hold several lines (kubeadm's stderr, a wrapped AWS error) stay several lines.
 */
function jsonLogLines(fields: Record<string, unknown>): string[] {
  // plain loops: this runs for every JSON line of a long controller log
  let origin = '';
  for (const key of ORIGIN_FIELDS) {
    const value = fields[key];
    if (typeof value === 'string') origin = origin ? `${origin} ${value}` : value;
  }
  const messages: string[] = [];
  for (const key of MESSAGE_FIELDS) {
    const value = fields[key];
    if (typeof value === 'string') {
      if (value.length === 0) continue;
      const prefix = messages.length === 0 ? '' : `${key}: `;
      if (value.includes('\n')) for (const part of value.split('\n')) messages.push(prefix + part);
      else messages.push(prefix + value);
    } else if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'string') messages.push(item);
    } else if (value !== null && typeof value === 'object') messages.push(...nestedLines(key, value as Record<string, unknown>));
  }
  let rest = '';
  for (const key in fields) {
    const value = fields[key];
    if (MESSAGE_KEYS.has(key) || ORIGIN_KEYS.has(key)) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      rest = rest ? `${rest} ${key}=${value}` : `${key}=${value}`;
  }
  const head = origin && messages.length > 0 ? `${origin} ${messages[0]}` : origin || (messages[0] ?? '');
  const lines = [head];
  for (let k = 1; k < messages.length; k++) lines.push(messages[k] as string);
  if (rest) lines.push(rest);
  // Any field may hold line breaks (an origin, a list item, a key=value): each text line comes
  // out on its own, because a record is one line and everything after normalisation counts on it.
  const out: string[] = [];
  for (const line of lines) {
    for (const part of line.includes('\n') || line.includes('\r') ? line.split(/\r\n|\r|\n/) : [line]) {
      const text = part.includes('\t') ? part.replace(/\t/g, ' ') : part;
      if (text.trim().length > 0) out.push(text);
    }
  }
  return out;
}

/** A message field that is itself an object (Ansible's "msg": {…}, zap's "error": {…}). */
function nestedLines(key: string, value: Record<string, unknown>): string[] {
  return Object.entries(value)
    .filter(([, v]) => typeof v === 'string')
    .flatMap(([k, v]) => (v as string).split('\n').map((l) => `${key}.${k}: ${l}`));
}

/** Escaped text (a Go error printed with %q, a JSON string seen through two encoders) as its lines. */
export function unescapeText(text: string): string[] {
  let result = text;
  for (let pass = 0; pass < 3 && ESCAPED.test(result); pass++) {
    // \u003c and \u0026: Go's encoding/json writes <, > and & so in what it marshals (Status bodies, -o json)
    result = result.replace(/\\(["ntr\\]|u[0-9a-fA-F]{4})/g, (_, c: string) =>
      c.length === 5 ? String.fromCharCode(Number.parseInt(c.slice(1), 16)) : c === 'n' ? '\n' : c === 't' || c === 'r' ? ' ' : c,
    );
  }
  return result.split('\n');
}
