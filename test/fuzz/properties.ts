import fc from 'fast-check';
import { renderDiagnosisText } from '../../src/cli/render/diagnosis-text.js';
import { terminalStyle } from '../../src/cli/render/terminal-style.js';
import { diagnose } from '../../src/diagnose/diagnose.js';
import type { Block } from '../../src/slack/render/blocks.js';
import { renderDiagnosisBlocks } from '../../src/slack/render/diagnosis-blocks.js';
import type { Catalog } from '../../src/triage/catalog.js';
import { SECRET_SHAPES } from '../fixtures/secrets.js';

/** Properties shared by the fixed-seed test in `npm test` and the long `npm run fuzz`. */

/** A guard against hangs (the latency figures come from `npm run bench`). */
export const CALL_BUDGET_MS = 1000;

function renderAll(text: string, kb: Catalog) {
  const started = performance.now();
  const diagnosis = diagnose(text, kb);
  const elapsed = performance.now() - started;
  const slack = renderDiagnosisBlocks(diagnosis, (id) => kb.byId.get(id), {
    pasteHash: diagnosis.input.fingerprint,
    checksUnavailable: 'n/a',
  });
  const terminal = renderDiagnosisText(diagnosis, kb, terminalStyle(false));
  return { diagnosis, elapsed, slack, terminal };
}

function withinBlockKit(blocks: Block[]): boolean {
  if (blocks.length > 50) return false;
  return blocks.every((b) => {
    const text = ('text' in b ? (b.text as { text?: string } | undefined)?.text : undefined) ?? '';
    if (b.type === 'header') return text.length <= 150;
    if (b.type === 'section') return text.length <= 3000;
    if (b.type === 'context') return (b.elements as Array<{ text: string }>).every((e) => e.text.length <= 2000);
    return true;
  });
}

const MENTION = /<!(?:channel|here|everyone|subteam)|<@U/;

/** Text shaped like what people paste: log-ish lines, unicode, JSON logs, mentions, huge lines. */
export function pasteArbitrary(kb: Catalog): fc.Arbitrary<string> {
  const signatureLines = kb.incidents.flatMap((i) => i.examples.match.map((e) => e.text)).slice(0, 200);
  const line = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom(...signatureLines),
    fc.constantFrom('<!channel>', '<!here>', '<@U0123ABC>', '<!subteam^S123>', '&lt;!channel&gt;', '```', '> quoted'),
    fc.integer({ min: 1, max: 100_000 }).map((n) => 'x'.repeat(n)),
    fc.json({ depthSize: 'large' }).map((j) => JSON.stringify({ level: 'error', msg: j })),
    // any fields at all: Docker's {"log": …, "stream": …}, journald's MESSAGE, text with line breaks in any field
    fc
      .dictionary(
        fc.constantFrom('log', 'MESSAGE', 'msg', 'error', 'level', 'stream', 'time', 'x'),
        fc.oneof(fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '\n', '\r', '"', '\\', ':', 'é') }), fc.jsonValue()),
      )
      .map((fields) => JSON.stringify(fields)),
  );
  return fc.array(line, { maxLength: 30 }).map((lines) => lines.join('\n'));
}

/** diagnose never throws, answers within the budget, and every rendering respects Slack's limits. */
export function totalAndBounded(kb: Catalog) {
  return fc.property(pasteArbitrary(kb), (text) => {
    const { elapsed, slack, terminal } = renderAll(text, kb);
    return (
      elapsed < CALL_BUDGET_MS &&
      withinBlockKit(slack.blocks) &&
      slack.text.length > 0 &&
      typeof terminal === 'string' &&
      !MENTION.test(JSON.stringify(slack))
    );
  });
}

/** A secret planted anywhere in a paste never comes back out, in data or in either rendering. */
export function secretsNeverEchoed(kb: Catalog) {
  // every category of src/redact.ts, each shape as someone would paste it
  return fc.property(pasteArbitrary(kb), fc.constantFrom(...SECRET_SHAPES), fc.nat(), (text, shape, at) => {
    const lines = text.split('\n');
    lines.splice(at % (lines.length + 1), 0, `error: auth failed ${shape.line} `);
    const { diagnosis, slack, terminal } = renderAll(lines.join('\n'), kb);
    const out = JSON.stringify(diagnosis) + JSON.stringify(slack) + terminal;
    return !out.includes(shape.secret);
  });
}

/** For every signature: strings matching it, repeated and cut, stay within the budget. */
export function signaturesStayLinear(kb: Catalog) {
  const patterns = kb.index.signatures.flatMap((s) => s.terms);
  return fc.property(fc.constantFrom(...patterns), fc.integer({ min: 1, max: 400 }), fc.string({ maxLength: 3 }), (regex, times, tail) => {
    const sample = fc.sample(fc.stringMatching(new RegExp(regex.source.replace(/\\b/g, ''))), { numRuns: 1, seed: times })[0] ?? '';
    const text = `${sample.repeat(times)}${tail}`.slice(0, 300_000);
    const started = performance.now();
    diagnose(text, kb);
    return performance.now() - started < CALL_BUDGET_MS;
  });
}
