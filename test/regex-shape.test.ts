import { describe, expect, it } from 'vitest';
import { regexShapeProblem, safePattern } from '../src/regex-shape.js';

describe('the load-time backtracking screen', () => {
  it.each([
    ['(\\w+\\s?)+x', /nested repetition/],
    ['(a+)+$', /nested repetition/],
    ['(x+x+)+y', /nested repetition/],
    ['(.*a){12}', /nested repetition/],
    ['(?:[^,]*,){20}', /nested repetition/],
    ['.*a.*b.*c', /3 unbounded repetitions/],
    ['\\S+\\S+\\S+x', /3 unbounded repetitions/],
    ['[^x]+y[^x]+y[^x]+', /3 unbounded repetitions/],
    ['(unclosed', /does not compile/],
  ])('refuses %s', (pattern, why) => {
    expect(regexShapeProblem(pattern)).toMatch(why);
  });

  it.each([
    'failed to create etcd client.{0,80}(?:a|b)',
    '(?:\\d+\\.){3}\\d+',
    '\\S+ \\S+ \\S+ refused',
    '[^"]*"[^"]*"[^"]*"',
    '.*a.*b',
    '(?:foo|bar)+ baz',
    'x{1,16}(?:ab{1,16}){4}',
  ])('passes %s', (pattern) => {
    expect(regexShapeProblem(pattern)).toBeUndefined();
  });

  it('check parameters go through the same screen', () => {
    expect(safePattern.safeParse('(a+)+$').success).toBe(false);
    expect(safePattern.safeParse('[').success).toBe(false);
    expect(safePattern.safeParse('^containerd://1\\.[0-5]\\.').success).toBe(true);
  });
});
