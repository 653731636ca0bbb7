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
const MESSAGE_FIELDS = ['msg', 'message', 'error', 'err', 'errorVerbose', 'reason', 'stderr', 'stdout', 'stderr_lines', 'stdout_lines'];
/** Fields that say who printed the line: kept in front of the message, because signatures name components. */
const ORIGIN_FIELDS = ['level', 'severity', 'logger', 'caller', 'component', 'source'];

/** Helm, Terraform and some CLIs frame errors in box drawing: "│ Error: …". */
const BOX_PREFIX = /^\s{0,8}[│┃║╷╵╎┆]\s?/;
const BOX_ONLY = /^\s*[╷╵─━┌┐└┘├┤]+\s*$/;
/** "  \"Sep 04 19:01:52 master origin-node[8940]: E0904 …\", " – one entry of a JSON string array. */
const ARRAY_ENTRY = /^\s*"((?:[^"\\]|\\.)*)"\s*,?\s*$/;
/** Ansible: fatal: [host]: FAILED! => {…}  ·  ok: [host] => {…} */
const ANSIBLE_RESULT = /^(.{0,200}?=>\s?)(\{.*\})\s*$/;
const ESCAPED = /\\["ntr\\]/;

export function unframe(line: string): string {
  if (BOX_ONLY.test(line)) return '';
  return line.replace(BOX_PREFIX, '');
}

/** The text lines inside one pasted line (usually just the line itself). */
export function flattenLine(line: string): string[] {
  const trimmed = line.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
    const fields = parseObject(trimmed);
    if (fields) return jsonLogLines(fields);
  }
  const ansible = ANSIBLE_RESULT.exec(trimmed);
  if (ansible) {
    const fields = parseObject(ansible[2] as string);
    if (fields) return [`${(ansible[1] as string).trim()}`, ...jsonLogLines(fields)];
  }
  const entry = ARRAY_ENTRY.exec(line);
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
  const origin = ORIGIN_FIELDS.map((k) => fields[k])
    .filter((v): v is string => typeof v === 'string')
    .join(' ');
  const messages: string[] = [];
  for (const key of MESSAGE_FIELDS) {
    const value = fields[key];
    if (typeof value === 'string' && value.length > 0)
      messages.push(...value.split('\n').map((l) => (messages.length === 0 ? l : `${key}: ${l}`)));
    else if (Array.isArray(value)) messages.push(...value.filter((v): v is string => typeof v === 'string'));
    else if (value !== null && typeof value === 'object') messages.push(...nestedLines(key, value as Record<string, unknown>));
  }
  const rest = Object.entries(fields)
    .filter(
      ([k, v]) =>
        !MESSAGE_FIELDS.includes(k) &&
        !ORIGIN_FIELDS.includes(k) &&
        (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'),
    )
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  const [first = '', ...others] = messages;
  const head = [origin, first].filter((p) => p.length > 0).join(' ');
  return [head, ...others, rest].map((l) => l.replace(/\t/g, ' ')).filter((l) => l.trim().length > 0);
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
    result = result.replace(/\\(["ntr\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' || c === 'r' ? ' ' : c));
  }
  return result.split('\n');
}
