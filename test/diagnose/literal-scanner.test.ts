import { describe, expect, it } from 'vitest';
import { LiteralScanner } from '../../src/diagnose/literal-scanner.js';

function naive(literals: string[], text: string): string[] {
  const hits: string[] = [];
  literals.forEach((literal, index) => {
    for (let at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) hits.push(`${index}@${at + literal.length}`);
  });
  return hits.sort();
}

describe('LiteralScanner', () => {
  it('finds overlapping literals, including ones that end inside others', () => {
    const scanner = new LiteralScanner(['he', 'she', 'his', 'hers']);
    const hits = scanner.scan('ushers').map((h) => `${h.literal}@${h.end}`);
    expect(hits.sort()).toEqual(['0@4', '1@4', '3@6']);
  });

  it('agrees with a naive search on random text', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const word = (n: number) => Array.from({ length: n }, () => 'abcab '[Math.floor(random() * 6)]).join('');
    for (let round = 0; round < 20; round++) {
      const literals = [...new Set(Array.from({ length: 30 }, () => word(2 + Math.floor(random() * 5))))];
      const text = word(500);
      const found = new LiteralScanner(literals).scan(text).map((h) => `${h.literal}@${h.end}`);
      expect(found.sort()).toEqual(naive(literals, text));
    }
  });

  it('folds non-ASCII characters without losing ASCII matches around them', () => {
    const scanner = new LiteralScanner(['error: x509']);
    expect(scanner.scan('ünïcödé error: x509 ✓')).toHaveLength(1);
  });
});

describe('LiteralScanner on wide nodes (rows with the failure links already followed)', () => {
  // "ab" has seven children and "b" six, so both get a dense row below the root; a miss there
  // must land where the failure links lead ("abx" → "bx", "abq" → nothing), not at the root
  const literals = ['abc', 'abd', 'abe', 'abf', 'abg', 'abh', 'abx', 'bxy', 'bc', 'bd', 'be', 'bf', 'bg', 'bh', 'xyz', 'b'];

  it('agrees with a naive search, built or restored from its data', () => {
    let seed = 7;
    const text = Array.from({ length: 4000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return 'abcdxyzq'[Math.floor((seed / 2 ** 31) * 8)];
    }).join('');
    const built = new LiteralScanner(literals);
    const restored = LiteralScanner.fromData(built.toData());
    const expected = naive(literals, text);
    expect(expected.length).toBeGreaterThan(100);
    for (const scanner of [built, restored])
      expect(
        scanner
          .scan(text)
          .map((h) => `${h.literal}@${h.end}`)
          .sort(),
      ).toEqual(expected);
  });

  it('follows a failure link out of a wide node into another literal', () => {
    const hits = new LiteralScanner(literals).scan('abxyz').map((h) => `${literals[h.literal]}@${h.end}`);
    expect(hits.sort()).toEqual(['abx@3', 'b@2', 'bxy@4', 'xyz@5']);
  });
});
