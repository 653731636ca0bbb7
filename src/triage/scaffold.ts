import yaml from 'js-yaml';
import { diagnose } from '../diagnose/diagnose.js';
import { canonicalize, normalizePaste } from '../diagnose/normalize.js';
import { redosProblem, SCAFFOLD_MARKER } from '../knowledge/lint.js';
import type { Incident } from '../knowledge/schema.js';
import { redactSecrets } from '../redact.js';
import type { Catalog } from './catalog.js';

/** What `kb new` proposes from one paste: the entry as YAML, and what the author should know. */
export interface Scaffold {
  id: string;
  yaml: string;
  /** the proposed signatures' patterns, in the order they are written */
  patterns: string[];
  /** things to look at before committing: an existing entry that already answers the paste, signatures that fire on other entries' examples */
  warnings: string[];
}

const ERROR_WORDS =
  /\b(?:error|err|fail(?:ed|ure|ing)?|unable|cannot|can't|could not|denied|refused|timeout|timed out|x509|unauthori[sz]ed|forbidden|not found|not ready|fatal|panic|back-?off|exceeded|invalid|oomkilled|evicted)\b/i;
const SIGNATURES = 3;
const PATTERN_CHARS = 160;
/** Letters a proposed pattern must hold besides its generalised parts. */
const MIN_LETTERS = 20;
const TODO = (what: string) => `${SCAFFOLD_MARKER}: ${what}`;

/** The placeholders normalisation puts in the canonical text; kept as written in a pattern. */
const PLACEHOLDER = /<(?:ts|uuid|hex|ip)>|-<hash>/g;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * A record of the paste (canonical: lower case, <ts>/<ip>/<uuid>/<hex>/-<hash> already in place)
 * turned into a pattern: the log prefix before the message dropped, numbers and quoted names
 * that vary generalised, cut at a word boundary. Only gaps of the shape \S+ and \d+ are used,
 * so the result passes the backtracking screen.
 */
export function patternOf(canonical: string): string | undefined {
  let text = canonical
    // klog / syslog / logfmt prefixes: everything up to "] " or the first "msg=" / "level=... "
    .replace(/^.*?<ts>[^\]]{0,80}\]\s+/, '')
    .replace(/^(?:<ts>\s*)+/, '')
    .replace(/^\[?(?:info|warn(?:ing)?|error|err|fatal|debug)\]?[:\s]+/, '')
    .trim();
  if (text.length > PATTERN_CHARS) text = text.slice(0, PATTERN_CHARS).replace(/\s+\S*$/, '');
  const parts: string[] = [];
  let last = 0;
  // quoted names and bare numbers vary between pastes of the same error; placeholders stay literal
  const VOLATILE = /<(?:ts|uuid|hex|ip)>|-<hash>|"[^"\s]{1,80}"|\b\d+(?:\.\d+)*\b/g;
  for (const m of text.matchAll(VOLATILE)) {
    parts.push(escapeRegex(text.slice(last, m.index)).replace(/\s+/g, ' '));
    const token = m[0];
    parts.push(PLACEHOLDER.test(token) ? token : token.startsWith('"') ? '"[^"]*"' : '[\\d.]+');
    PLACEHOLDER.lastIndex = 0;
    last = (m.index ?? 0) + token.length;
  }
  parts.push(escapeRegex(text.slice(last)).replace(/\s+/g, ' '));
  const pattern = parts.join('').trim();
  // enough literal text to say something (not "* permission denied"), a four-letter run for the
  // pre-filter, and safe to run
  const literal = pattern.replace(/\[\\d\.\]\+|"\[\^"\]\*"|\\(.)/g, '$1');
  if (literal.replace(/[^a-z]/g, '').length < MIN_LETTERS || !/[a-z]{4}/.test(literal)) return undefined;
  return redosProblem(pattern) ? undefined : pattern;
}

/**
 * The message column of an event row (`kubectl describe` Events: Type Reason Age From Message;
 * `kubectl get events`: Last seen Type Reason Object Message), whose age, source and object vary
 * between pastes of the same error; undefined for any other line.
 */
export function eventMessage(rawLine: string): string | undefined {
  const columns = rawLine.trim().split(/\s{2,}/);
  const type = columns.findIndex((c) => c === 'Warning' || c === 'Normal');
  if (type === 0 && columns.length >= 5) return columns.slice(4).join(' ');
  if (type === 1 && columns.length >= 5) return columns.slice(4).join(' ');
  return undefined;
}

/** Up to three error-bearing records of the paste, most telling first (error words, then length). */
function errorRecords(text: string): Array<{ display: string; canonical: string }> {
  const paste = normalizePaste(text);
  const rawLines = text.split('\n');
  const seen = new Set<string>();
  const picked: Array<{ display: string; canonical: string; weight: number }> = [];
  paste.canonical.forEach((recordCanonical, i) => {
    const message = eventMessage(rawLines[(paste.lineNumbers[i] ?? 0) - 1] ?? '');
    const canonical = message ? canonicalize(message) : recordCanonical;
    const display = message ?? paste.display[i] ?? canonical;
    if (!ERROR_WORDS.test(display)) return;
    const pattern = patternOf(canonical);
    if (!pattern || seen.has(pattern)) return;
    seen.add(pattern);
    const weight = (display.match(new RegExp(ERROR_WORDS.source, 'gi')) ?? []).length * 100 + Math.min(display.length, 200);
    picked.push({ display, canonical, weight });
  });
  return picked.sort((a, b) => b.weight - a.weight).slice(0, SIGNATURES);
}

/** A kebab id from the words of the best error line: "team-" and at most five words. */
function idFrom(display: string): string {
  const words = display
    .toLowerCase()
    .replace(/<[a-z]+>/g, ' ')
    .split(/[^a-z]+/)
    .filter((w) => w.length > 2 && !['error', 'failed', 'the', 'and', 'for', 'with', 'from'].includes(w))
    .slice(0, 5);
  return ['team', ...words].join('-') || 'team-incident';
}

/**
 * A knowledge entry scaffolded from a real paste: the error lines become signatures with their
 * volatile parts generalised, the paste (redacted) becomes the first match example, and every
 * field only a person can write holds the TODO(kubetriage) marker, which kb lint refuses until
 * it is replaced. The paste is checked against the knowledge base first: one that is already
 * answered is reported, and so is a proposed signature that fires on another entry's examples.
 */
export function scaffoldIncident(text: string, kb: Catalog, options: { id?: string } = {}): Scaffold {
  const redacted = redactSecrets(text).text.trim();
  const records = errorRecords(redacted);
  const warnings: string[] = [];
  if (records.length === 0) throw new Error('no error-bearing line in the paste to build a signature from');
  const id = options.id ?? idFrom(records[0]?.display ?? '');
  const patterns = records.map((r) => patternOf(r.canonical) as string);
  const answered = diagnose(redacted, kb);
  if (answered.verdict === 'match' && answered.matches[0])
    warnings.push(
      `the paste already diagnoses as ${answered.matches[0].id}: add it there as an example, or give this entry "replaces: ${answered.matches[0].id}"`,
    );
  patterns.forEach((pattern, i) => {
    const re = new RegExp(pattern, 'i');
    for (const incident of kb.incidents) {
      const hit = [...incident.examples.match, ...incident.examples.noMatch].find((e) =>
        normalizePaste(e.text).canonical.some((line) => re.test(line)),
      );
      if (hit)
        warnings.push(`signature ${i + 1} (/${pattern}/) also fires on an example of ${incident.id}: narrow it, or add requires/excludes`);
    }
  });
  const entry: Record<string, unknown> = {
    id,
    title: TODO('one line, the answer an on-call engineer needs first'),
    summary: TODO('two or three sentences: trigger, mechanism, effect'),
    severity: 'medium',
    category: 'runtime',
    components: [TODO('the component that prints this error')],
    symptoms: [TODO('what the operator sees, in plain words')],
    signatures: patterns.map((pattern, i) => ({
      id: `line-${i + 1}`,
      pattern,
      strength: 'strong',
      note: TODO('why this line points at this incident; decisive only if the text alone decides'),
    })),
    rootCause: TODO('why it happens'),
    fix: {
      immediate: [{ step: TODO('what to do now (mark disruptive steps)') }],
      lasting: [{ step: TODO('the fix that keeps it from coming back') }],
    },
    sources: [{ url: 'https://wiki.example.invalid/todo', title: TODO('the runbook, ticket or postmortem this comes from') }],
    examples: { match: [{ text: redacted }], noMatch: [] },
  } satisfies Partial<Record<keyof Incident, unknown>>;
  const header = [
    `# Scaffolded by kubetriage kb new from a real paste (redacted). Replace every ${SCAFFOLD_MARKER}`,
    '# (kb lint refuses the entry until then), check severity and category, then run kb lint and',
    '# kb test with --kb on this folder.',
  ].join('\n');
  return { id, yaml: `${header}\n${yaml.dump(entry, { lineWidth: 120, noRefs: true })}`, patterns, warnings };
}
