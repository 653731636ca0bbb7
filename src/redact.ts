/**
 * Secrets that people paste along with errors, removed before anything is matched, stored, logged
 * or echoed. Shared by the matcher, the logger and every adapter that echoes user text.
 *
 * Rules are grouped by the shape of the secret, not by one vendor's string, and each has a name so
 * its test can prove it is needed (test/redact.test.ts removes each rule alone and watches its
 * samples leak). Order matters: whole blocks (PEM) before the fragments inside them, specific
 * shapes before the generic "secret-ish key = value" rule, and the opaque-base64 net last.
 */
export interface RedactionRule {
  name: string;
  /** every pattern has one named group `keep`, possibly empty: the key or header name that stays */
  pattern: RegExp;
  /** what replaces the secret after the kept part (a function: built from the secret, e.g. to keep its line breaks) */
  replacement: string | ((secret: string) => string);
  /** a match that is not a secret after all (a placeholder, a word of prose) is left as it is */
  keep?: (value: string, around: { kept: string; after: string }) => boolean;
  /**
   * A cheap test that the pattern can match at all, for rules whose pattern must be tried at
   * every position of the paste; false means the rule has nothing to do. It must never be false
   * where the pattern matches (test/redact.test.ts runs every sample with and without it).
   */
  present?: (text: string) => boolean;
}

/** A membership table over ASCII code units, for hasRunOf. */
export function asciiClass(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}

const BASE64_CHAR = asciiClass('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');

/**
 * Whether the text has a run of at least `length` characters of the class. Looks at the last
 * character of each window first (as Boyer-Moore does): ordinary text breaks runs so often that
 * most of it is skipped `length` characters at a time.
 */
export function hasRunOf(text: string, length: number, member: Uint8Array): boolean {
  // a code unit past the table reads as undefined, which is not 1: no range test needed
  for (let end = length - 1; end < text.length; ) {
    if (member[text.charCodeAt(end)] !== 1) {
      end += length;
      continue;
    }
    let start = end;
    while (start > end - length + 1 && member[text.charCodeAt(start - 1)] === 1) start--;
    if (start === end - length + 1) return true;
    // the run that ends at `end` starts at `start`: the next window that can hold a whole run ends here
    end = start + length - 1;
  }
  return false;
}

/** Whether the text has a run of at least `length` base64 characters. */
export function hasRun(text: string, length: number): boolean {
  return hasRunOf(text, length, BASE64_CHAR);
}

const LOWER_ALNUM = asciiClass('abcdefghijklmnopqrstuvwxyz0123456789');
const WORD_CHAR = asciiClass('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_');

/**
 * Whether the text has what /\.[a-z0-9]{16}\b/ matches: the secret half of a bootstrap token.
 * Going from dot to dot (indexOf finds them natively) and skipping the characters a failed
 * candidate already read costs less than the regex, which a log full of dots stops at often.
 */
export function hasTokenSecret(text: string): boolean {
  for (let dot = text.indexOf('.'); dot !== -1; dot = text.indexOf('.', dot + 1)) {
    if (dot + 16 >= text.length) return false;
    let k = 1;
    while (k <= 16 && LOWER_ALNUM[text.charCodeAt(dot + k)] === 1) k++;
    // the next dot cannot be among the characters just read
    if (k <= 16) dot += k - 1;
    else if (WORD_CHAR[text.charCodeAt(dot + 17)] !== 1) return true;
  }
  return false;
}

/**
 * Values that say "nothing here": redacting them would hide what kubectl printed, not a secret.
 * A YAML block indicator (`password: |`) is one too: its value is on the lines below (secret-key-block).
 */
const PLACEHOLDER =
  /^(?:["']?(?:<[^>]{0,20}>|\*+|\[redacted[^\]]{0,30}\]?|null|none|nil|true|false|undefined|""|''|-|\$\{?[A-Z_][A-Z0-9_]*\}?)["']?|[|>][-+1-9]{0,2})$/i;
/**
 * Not a secret: a placeholder, or a plain word after "key:" that the sentence goes on from
 * ("failed to fetch anonymous token: unexpected status", "volume \"db-secret\" : secret \"db\" not
 * found"). YAML and JSON values end the line or the field; env and flag values use "=".
 */
const notASecret = (value: string, { kept, after }: { kept: string; after: string }) =>
  PLACEHOLDER.test(value) || (kept.trimEnd().endsWith(':') && /^[A-Za-z]+$/.test(value) && /^[ \t]+[A-Za-z("']/.test(after));

/**
 * Key names that hold secrets, in any case and with any prefix joined by _ - . or camelCase:
 * DB_PASSWORD, POSTGRES_PASSWORD, clientSecret, access_token, private_key_id, AWS_SECRET_ACCESS_KEY.
 * The key must END with the secret word (a small suffix like _id or -data aside): names that only
 * point at a secret (secretName, tokenFile) or merely contain one (SecurityTokenServiceException:
 * in a stack trace) are not values.
 */
const SECRET_WORD =
  '(?:passw(?:or)?d|passphrase|pwd|secret|token|credentials?|api[_.-]?key|private[_.-]?key|access[_.-]?key|signing[_.-]?key|encryption[_.-]?key|session[_.-]?key|[_.-]key|auth)';
const KEY_CHARS = '[A-Za-z0-9_.-]';
const KEY_SUFFIX = '(?:[_.-]?(?:ids?|s|value|data|b64|base64|string|plain|text))?';
// a key never continues a URL path: ".../token: 401" is a status after a path, not a token
// The key's head is a lookbehind, so the engine starts at a secret word instead of at every
// character (a 40 KB paste costs a tenth); the head is left in place either way.
// The gaps around the separator are spaces and tabs, never a line break: a value on the next line
// is a YAML block (SECRET_BLOCK below), and anything else there is the next line of the paste
// ("delete that token:" above a code fence), not a value.
const SECRET_KEY = String.raw`(?<keep>${SECRET_WORD}(?<=(?<![A-Za-z0-9_./-])${KEY_CHARS}{0,60}${SECRET_WORD})${KEY_SUFFIX}["']?[ \t]{0,4}(?:=|:(?!//))[ \t]{0,4}(?:(?:[|>][-+1-9]{0,2}|-)[ \t]+)?)`;
/**
 * A YAML key that is the whole of its line, its value on the lines below, indented deeper than
 * the key: a block scalar (`password: |`, `token: >-`) or a plain value (`secret:` / `  s3cr3t`).
 * The key line's indentation is captured in the lookbehind, so a line at the key's depth or
 * shallower ends the value; blank lines inside it belong to it.
 */
const SECRET_BLOCK = String.raw`(?<keep>${SECRET_WORD}(?<=^(?<indent>[ \t]*)(?:-[ \t]+)?["']?${KEY_CHARS}{0,60}${SECRET_WORD})${KEY_SUFFIX}["']?[ \t]*:[ \t]*(?:[|>][-+1-9]{0,2}[ \t]*)?\r?\n(?:[ \t]*\r?\n)*\k<indent>[ \t]+)\S[^\n]*(?:\n(?:[ \t]*\r?\n)*\k<indent>[ \t]+\S[^\n]*)*`;
/** A block scalar's indicator ends the kept key line: what follows is text, never structure. */
const BLOCK_SCALAR = /:[ \t]*[|>][-+1-9]{0,2}[ \t]*\r?\n/;
/** What every match holds: a line ending in ":" (or a block indicator) and an indented line below. */
const BLOCK_START = /:[ \t]*(?:[|>][-+1-9]{0,2}[ \t]*)?\r?\n(?:[ \t]*\r?\n)*[ \t]/;
/**
 * The first line under a plain key opens structure, not a value: a mapping (`serviceAccountToken:`
 * over `expirationSeconds: 3607`), a list of mappings, a flow collection. Its keys are judged one
 * by one by secret-key-value.
 */
const STRUCTURE = /^(?:-[ \t]+)?(?:["']?[^\s:"']+["']?[ \t]*:(?:[ \t]|\r?$)|[{[])/;
/**
 * A value: quoted (any characters but the quote), or bare up to a separator; a bare value ending
 * in ":" is a nested key, and one opening an object or a list is structure (`"ExternalSecret":{`,
 * `"SecretStore":[`): its own keys inside are judged one by one.
 */
const BARE = String.raw`[^\s"',;&}\]\)]`;
// the bare value is taken whole (no shorter backtrack), then refused if it ends in ":"
const VALUE = String.raw`("[^"\n]{1,2000}"|'[^'\n]{1,2000}'|(?![{[])${BARE}{1,2000}(?!${BARE})(?<!:))`;

/**
 * An env entry (`- name: DB_PASSWORD` over `value: hunter2`, or `"name": "DB_PASSWORD", "value": "…"`):
 * the name ends with a secret word, like a key; its value follows on the same line or the next.
 */
const ENV_VALUE = String.raw`(?<keep>\bname["']?[ \t]*:[ \t]*["']?${KEY_CHARS}{0,60}${SECRET_WORD}${KEY_SUFFIX}["']?[ \t]*,?[ \t]*(?:\r?\n[ \t]*)?["']?value["']?[ \t]*:[ \t]*)${VALUE}`;
const ENV_VALUE_KEY = /value["']?[ \t]*:/i;
/**
 * After a block indicator or a list marker on the same line (`token: >- first second`, `tokens: - a
 * - b`: a block whose lines a JSON log, a wrap or the record join put on one line), the rest of the
 * line is the value.
 */
const BLOCK_JOINED = String.raw`(?<=(?:[|>][-+1-9]{0,2}|-)[ \t]+)[^\n]{1,2000}`;

const MIXED_HEAD = [/[A-Z]/, /[a-z]/, /\d/];
/** Literals every match of a rule below holds, in the rule's own case-insensitivity. */
const DATA_KEY = /-data/i;
const AUTHORIZATION = /authorization/i;
const LOGIN = / login/i;

export const REDACTION_RULES: ReadonlyArray<RedactionRule> = [
  {
    name: 'pem-block',
    pattern: /(?<keep>)-----BEGIN [A-Z0-9 ]{0,40}-----[\s\S]{0,20000}?(?:-----END [A-Z0-9 ]{0,40}-----|$)/g,
    replacement: '[REDACTED PEM]',
  },
  // "-----BEGIN" in base64 (kubeconfig *-data, Secrets printed with -o yaml, Helm values)
  { name: 'pem-base64', pattern: /(?<keep>)LS0tLS1CRUdJT[A-Za-z0-9+/=]{0,20000}/g, replacement: '[REDACTED PEM]' },
  {
    name: 'kubeconfig-data',
    pattern: /(?<keep>(?:client-certificate|client-key|certificate-authority)-data["']?\s{0,4}:\s{0,4}["']?)[A-Za-z0-9+/=]{4,}/gi,
    replacement: '[REDACTED]',
    // a lone literal is found at memchr speed; the pattern, opening with a group, is tried at every character
    present: (text) => DATA_KEY.test(text),
  },
  { name: 'jwt', pattern: /(?<keep>)\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]{4,})?/g, replacement: '[REDACTED JWT]' },
  {
    name: 'authorization-header',
    pattern:
      /\b(?<keep>(?:proxy-)?authorization["']?\s{0,4}[:=]\s{0,4}["']?(?:bearer|basic|token|negotiate|digest|aws4-hmac-sha256)?\s{0,4})[^\s"',]{4,}/gi,
    replacement: '[REDACTED]',
    present: (text) => AUTHORIZATION.test(text),
  },
  { name: 'cookie-header', pattern: /\b(?<keep>(?:set-)?cookie["']?\s{0,4}:\s{0,4}["']?)[^\n"]{1,4000}/gi, replacement: '[REDACTED]' },
  { name: 'bearer', pattern: /\b(?<keep>bearer\s{1,4})[A-Za-z0-9._~+/=-]{8,}/gi, replacement: '[REDACTED]' },
  {
    name: 'url-userinfo',
    // greedy to the last "@" before the host, so a password containing "@" goes too
    // the scheme is a lookbehind: the search starts at "://", not at every word
    pattern: /(?<keep>:\/\/)(?<=\b[a-z][a-z0-9+.-]{1,20}:\/\/)[^\s/?#@:]{1,128}:[^\s/?#]{1,256}@(?=[^\s/?#@]{1,253}(?:[/?#\s"'`]|$))/gi,
    replacement: '[REDACTED]@',
  },
  {
    name: 'secret-flag',
    // --password x, --token x, -p x after docker/podman/helm login, --certificate-key x (kubeadm)
    pattern:
      /(?<keep>(?:--(?:password|passwd|token|client-secret|secret|certificate-key|api-key|access-key|secret-key|private-key|auth-token)|\b(?:docker|podman|nerdctl|helm registry|oras) login\b[^\n]{0,200}?\s-p)(?:=|\s{1,4}))(?!-)\S+/gi,
    replacement: '[REDACTED]',
    // a flag starts with "--"; the other branch needs " login"
    present: (text) => text.includes('--') || LOGIN.test(text),
  },
  // kubeadm bootstrap tokens: [a-z0-9]{6}.[a-z0-9]{16}
  {
    name: 'bootstrap-token',
    pattern: /(?<keep>)\b[a-z0-9]{6}\.[a-z0-9]{16}\b/g,
    replacement: '[REDACTED BOOTSTRAP TOKEN]',
    present: hasTokenSecret,
  },
  { name: 'aws-access-key', pattern: /(?<keep>)\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g, replacement: '[REDACTED AWS KEY]' },
  {
    name: 'signed-url',
    pattern: /(?<keep>[?&](?:X-Amz-(?:Signature|Credential|Security-Token)|sig|signature)=)[^&\s"'#]+/gi,
    replacement: '[REDACTED]',
  },
  {
    name: 'slack-token',
    pattern: /(?<keep>)\b(?:xox[abposer]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{10,})/g,
    replacement: '[REDACTED SLACK TOKEN]',
  },
  {
    name: 'github-token',
    pattern: /(?<keep>)\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/g,
    replacement: '[REDACTED GITHUB TOKEN]',
  },
  {
    name: 'gitlab-token',
    pattern: /(?<keep>)\bgl(?:pat|dt|rt|ptt|cbt|imt|agent)-[A-Za-z0-9_-]{20,}/g,
    replacement: '[REDACTED GITLAB TOKEN]',
  },
  { name: 'npm-token', pattern: /(?<keep>)\bnpm_[A-Za-z0-9]{36}\b/g, replacement: '[REDACTED NPM TOKEN]' },
  { name: 'gcp-api-key', pattern: /(?<keep>)\bAIza[0-9A-Za-z_-]{35}/g, replacement: '[REDACTED GCP KEY]' },
  { name: 'vault-token', pattern: /(?<keep>)\bhv[sbr]\.[A-Za-z0-9_-]{24,}/g, replacement: '[REDACTED VAULT TOKEN]' },
  {
    name: 'secret-key-block',
    pattern: new RegExp(SECRET_BLOCK, 'gim'),
    // one marker on the value's first line, its other lines left empty: every line after keeps its number
    replacement: (secret) => `[REDACTED]${'\n'.repeat(secret.split('\n').length - 1)}`,
    present: (text) => BLOCK_START.test(text),
    keep: (value, { kept }) => !BLOCK_SCALAR.test(kept) && STRUCTURE.test(value.split('\n', 1)[0] as string),
  },
  {
    // a container's env entry, in YAML or JSON: the secret-ish word is the name, the secret the value beside it
    name: 'secret-env-value',
    pattern: new RegExp(ENV_VALUE, 'gi'),
    replacement: '[REDACTED]',
    keep: notASecret,
    present: (text) => ENV_VALUE_KEY.test(text),
  },
  {
    name: 'secret-key-value',
    pattern: new RegExp(`${SECRET_KEY}(?:${BLOCK_JOINED}|${VALUE})`, 'gi'),
    replacement: '[REDACTED]',
    keep: notASecret,
  },
  // Long base64 runs (certificate data, keys, opaque tokens) that no rule above named.
  {
    name: 'opaque-base64',
    pattern: /(?<keep>)(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40,}={0,2}/g,
    present: (text) => hasRun(text, 40),
    replacement: '[REDACTED]',
    // mixed case and a digit within the first 201 characters, tested here rather than by three
    // lookaheads at every position of the paste: a long word or path of one case is no secret
    keep: (value) => !MIXED_HEAD.every((pattern) => pattern.test(value.slice(0, 201))),
  },
];

export interface Redacted {
  text: string;
  /** how many secrets were removed */
  count: number;
}

/** Every replacement starts with this, so a second pass leaves redacted text alone. */
const REDACTED = '[REDACTED';

export function redactWith(rules: ReadonlyArray<RedactionRule>, text: string): Redacted {
  let count = 0;
  let result = text;
  for (const rule of rules) {
    if (rule.present && !rule.present(result)) continue;
    result = result.replace(rule.pattern, (...args: unknown[]) => {
      const match = args[0] as string;
      // with named groups, replace() passes (match, ...groups, offset, input, groups)
      const { keep } = args.at(-1) as { keep: string };
      const offset = args.at(-3) as number;
      const input = args.at(-2) as string;
      const secret = match.slice(keep.length);
      const after = input.slice(offset + match.length, offset + match.length + 40);
      // already redacted (the second pass over finished lines), or not a secret after all
      if (secret.startsWith(REDACTED) || rule.keep?.(secret, { kept: keep, after })) return match;
      count++;
      return `${keep}${typeof rule.replacement === 'string' ? rule.replacement : rule.replacement(secret)}`;
    });
  }
  return { text: result, count };
}

export function redactSecrets(text: string): Redacted {
  return redactWith(REDACTION_RULES, text);
}

/** What a reply says when it removed secrets: the original message still holds them. */
export function redactionAdvice(count: number): string {
  const what = count === 1 ? '1 secret was' : `${count} secrets were`;
  return `${what} removed from this paste before it was read. The original message still holds ${count === 1 ? 'it' : 'them'}: delete it, and rotate what it exposed.`;
}
