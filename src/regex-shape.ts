import { type AST, RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';
import { z } from 'zod';

/**
 * A fast, conservative screen for the regex shapes that backtrack catastrophically, run on every
 * load (a knowledge folder may come from a team's own repository, and one bad pattern would stall
 * every diagnosis). It looks at the pattern's structure only, in microseconds:
 *  - nested repetition: an unbounded repeat of a group that itself repeats, e.g. (\w+\s?)+, which
 *    is exponential; or any repeat of a group holding a wildcard repeat, e.g. (.*a){12}, which is
 *    a polynomial of high degree;
 *  - three or more unbounded wildcard repeats in one branch, e.g. .*a.*b.*c, which is cubic on a
 *    4 KB line.
 * Repeats of narrow classes separated by literals, like (?:\d+\.){3} or \S+ \d+/\d+, pass: they
 * cannot split one input in many ways.
 * `kb lint` still runs the full redos-detector analysis; this screen is what every load can afford
 * (redos-detector needs up to half a second per pattern).
 */
const LONG_REPEAT = 16;

export function regexShapeProblem(pattern: string): string | undefined {
  let ast: AST.Pattern;
  try {
    ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(pattern, undefined, undefined, { unicodeSets: false, unicode: false });
  } catch (error) {
    return `regex does not compile: ${(error as Error).message}`;
  }
  let problem: string | undefined;
  visitRegExpAST(ast, {
    onQuantifierEnter(node) {
      if (problem || node.max < 2) return;
      const unbounded = node.max === Number.POSITIVE_INFINITY;
      if (containsRepeat(node.element, unbounded ? () => true : isWildcard))
        problem = `nested repetition "${node.raw}" can backtrack catastrophically`;
    },
    onAlternativeEnter(node) {
      if (problem) return;
      const broad = node.elements.filter(
        (e, i) =>
          e.type === 'Quantifier' && e.max === Number.POSITIVE_INFINITY && isWildcard(e.element) && !delimited(e, node.elements[i + 1]),
      );
      if (broad.length >= 3)
        problem = `${broad.length} unbounded repetitions (${broad.map((e) => e.raw).join(' ')}) in one branch backtrack polynomially`;
    },
  });
  return problem ? `${problem}: rewrite with bounded gaps (.{0,N}, [^x]*) and no repeated group of repeats` : undefined;
}

/** Inside a repeated element: another repetition that can consume many characters. */
function containsRepeat(element: AST.Node, counts: (repeated: AST.Node) => boolean): boolean {
  let found = false;
  visitRegExpAST(asPattern(element), {
    onQuantifierEnter(q) {
      if ((q.max === Number.POSITIVE_INFINITY || q.max > LONG_REPEAT) && counts(q.element)) found = true;
    },
  });
  return found;
}

/** visitRegExpAST walks from a Pattern; wrap any node so its subtree can be visited. */
function asPattern(element: AST.Node): AST.Pattern {
  return { type: 'Pattern', alternatives: [{ type: 'Alternative', elements: [element] }] } as unknown as AST.Pattern;
}

/**
 * A repeat followed by a literal character its class cannot match (\S+ then a space, [^"]* then
 * a quote) ends in exactly one place, so it cannot split the input in many ways.
 */
function delimited(repeat: AST.Quantifier, next: AST.Element | undefined): boolean {
  if (next?.type !== 'Character') return false;
  try {
    return !new RegExp(`^(?:${repeat.element.raw})$`, 'i').test(String.fromCodePoint(next.value));
  } catch {
    return false;
  }
}

/** A set that matches nearly every character: ., \S, \D, \W, or a negated class. */
function isWildcard(element: AST.Node): boolean {
  if (element.type === 'CharacterSet') return element.kind === 'any' || ('negate' in element && element.negate);
  if (element.type === 'CharacterClass') return element.negate;
  return false;
}

/** A regex parameter of a check: it must compile and pass the same screen as signatures. */
export const safePattern = z.string().superRefine((source, ctx) => {
  try {
    new RegExp(source);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `regex does not compile: ${(error as Error).message}` });
    return;
  }
  const problem = regexShapeProblem(source);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
