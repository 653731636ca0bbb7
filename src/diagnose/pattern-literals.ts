import { type AST, RegExpParser } from '@eslint-community/regexpp';

/**
 * The literal text a regex cannot match without. A signature is only tried on lines that contain
 * one of its literals, which is what lets one Aho–Corasick pass over the paste replace trying every
 * regex of every incident. Returned lowercased (matching is case-insensitive); an empty array means
 * no usable literal could be proven.
 */
export function requiredLiterals(pattern: string): string[] {
  const ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(pattern);
  return (bestOfDisjunction(ast.alternatives) ?? []).map((literal) => literal.toLowerCase().slice(0, MAX_LITERAL_CHARS));
}

/**
 * A prefix this long already singles out the few lines worth a regex test; a longer one only
 * grows the scanner (its size, and so load time, is proportional to the characters it holds).
 */
export const MAX_LITERAL_CHARS = 24;

/** Any one of these strings is present in every match. */
type LiteralSet = string[];

function bestOfDisjunction(alternatives: AST.Alternative[]): LiteralSet | undefined {
  const perBranch: string[] = [];
  for (const alternative of alternatives) {
    const best = bestOfSequence(alternative.elements);
    if (!best) return undefined; // one branch without a literal makes the whole disjunction unprovable
    perBranch.push(...best);
  }
  return perBranch.length > 0 ? perBranch : undefined;
}

function bestOfSequence(elements: AST.Element[]): LiteralSet | undefined {
  const candidates: LiteralSet[] = [];
  let run = '';
  const closeRun = () => {
    if (run.length > 0) candidates.push([run]);
    run = '';
  };
  for (const element of elements) {
    if (element.type === 'Character') {
      run += String.fromCodePoint(element.value);
      continue;
    }
    if (element.type === 'Quantifier' && element.min >= 1 && element.element.type === 'Character') {
      run += String.fromCodePoint(element.element.value);
      closeRun();
      continue;
    }
    closeRun();
    const inner = innerAlternatives(element);
    if (inner) {
      const best = bestOfDisjunction(inner);
      if (best) candidates.push(best);
    }
  }
  closeRun();
  return pickStrongest(candidates);
}

/** Groups that must be matched at least once contribute their own literals. */
function innerAlternatives(element: AST.Element): AST.Alternative[] | undefined {
  if (element.type === 'Group' || element.type === 'CapturingGroup') return element.alternatives;
  if (element.type === 'Quantifier' && element.min >= 1) {
    const inner = element.element;
    if (inner.type === 'Group' || inner.type === 'CapturingGroup') return inner.alternatives;
  }
  return undefined;
}

/** The set whose shortest member is longest: it filters the most lines out. */
function pickStrongest(candidates: LiteralSet[]): LiteralSet | undefined {
  let best: LiteralSet | undefined;
  let bestScore = -1;
  for (const set of candidates) {
    const score = Math.min(...set.map((s) => s.trim().length));
    if (score > bestScore) {
      best = set;
      bestScore = score;
    }
  }
  return best;
}
