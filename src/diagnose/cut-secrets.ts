/**
 * Redaction of lines a terminal cut. A terminal cuts a long line at its width wherever the width
 * falls, inside a token as readily as between words; the first redaction pass reads the lines as
 * they came, so a secret split over two of them can go unseen, or be taken in part and its rest
 * shown on the next line. Used by normalize.ts, which finds the width.
 */
import { type Redacted, redactSecrets } from '../redact.js';

/**
 * The first pass, with the lines a terminal may have cut (at the paste's wrap width, or the lone
 * longest line when no width shows) also redacted joined to the lines they continue, as they
 * were printed: a secret the cut split is then seen whole, where each line on its own holds only
 * a part that no rule knows (or a rule takes the part and leaves the rest shown). Where the
 * joined reading is redacted differently, it is the one kept (it is the text as printed), with
 * whatever the lines apart hid hidden too: it stands on the first of its lines and the others are
 * left empty, so every line after keeps its number.
 */
export function redactCutSecrets(
  printed: readonly string[],
  first: Redacted,
  width: number | undefined,
  cut: number | undefined,
): Redacted {
  const at = width ?? cut;
  if (at === undefined) return first;
  // the lines as `printed` has them, without a CRLF's \r (the caller strips them from every line)
  const lines = first.text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  // a PEM block taken out joined lines: the cut lines can no longer be told apart
  if (lines.length !== printed.length) return first;
  const groups: Array<{ from: number; to: number }> = [];
  for (let i = 0; i + 1 < printed.length; i++) {
    const next = printed[i + 1] as string;
    // (what follows the cut may be a space: a terminal cuts before one as readily as inside a word)
    if ((printed[i] as string).length !== at || next.trim().length === 0) continue;
    const last = groups.at(-1);
    if (last && last.to === i) last.to = i + 1;
    else groups.push({ from: i, to: i + 1 });
  }
  if (groups.length === 0) return first;
  const joined = redactSecrets(groups.map((g) => printed.slice(g.from, g.to + 1).join('')).join('\n'));
  const texts = joined.text.split('\n');
  // a rule that joined two groups (none should) leaves nothing to map back
  if (texts.length !== groups.length) return first;
  let count = first.count;
  groups.forEach((g, k) => {
    const together = texts[k] as string;
    const apart = lines.slice(g.from, g.to + 1).join('');
    if (together === apart) return;
    const both = hidingBoth(together, printed.slice(g.from, g.to + 1), lines.slice(g.from, g.to + 1));
    if (both === undefined) return;
    count += Math.max(0, markers(both) - markers(apart));
    lines[g.from] = both;
    for (let i = g.from + 1; i <= g.to; i++) lines[i] = '';
  });
  return { text: lines.join('\n'), count };
}

/** The redaction markers, and the text between them. */
const MARKER = /\[REDACTED[^\]\n]{0,30}\]/;

/**
 * The joined reading, with whatever the lines apart hid hidden too: a cut guessed where there was
 * none can join two words into one a rule no longer sees ("Unauthorized" + "Authorization: Basic
 * …"), or make a rule read a word differently, and a guess must never show more. Undefined when
 * a redacted line cannot be laid over its printed line.
 */
function hidingBoth(together: string, printedLines: readonly string[], apartLines: readonly string[]): string | undefined {
  let result = together;
  for (let k = 0; k < apartLines.length; k++) {
    const hidden = hiddenIn(printedLines[k] as string, apartLines[k] as string);
    if (hidden === undefined) return undefined;
    for (const secret of hidden) if (result.includes(secret)) result = result.split(secret).join('[REDACTED]');
  }
  return result;
}

/** What redaction took out of a printed line: the text its markers stand for. */
function hiddenIn(printed: string, redacted: string): string[] | undefined {
  const shown = redacted.split(MARKER);
  if (shown.length === 1) return [];
  if (!printed.startsWith(shown[0] as string)) return undefined;
  const hidden: string[] = [];
  let at = (shown[0] as string).length;
  for (let k = 1; k < shown.length; k++) {
    const part = shown[k] as string;
    // the last part ends the line; any other is found after what the marker before it hid
    const next = k === shown.length - 1 ? printed.length - part.length : printed.indexOf(part, at + 1);
    if (next < at || (k === shown.length - 1 && !printed.endsWith(part))) return undefined;
    const secret = printed.slice(at, next);
    if (secret.length >= 3) hidden.push(secret);
    at = next + part.length;
  }
  return hidden;
}

function markers(text: string): number {
  let n = 0;
  for (let i = text.indexOf('[REDACTED'); i !== -1; i = text.indexOf('[REDACTED', i + 1)) n++;
  return n;
}
