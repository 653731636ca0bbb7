/** The numbers the matcher's guards rest on (src/diagnose/score.ts), at their boundaries. */
import { describe, expect, it } from 'vitest';
import { combine, confidenceOf, KEYWORD_CAP, KEYWORD_WEIGHT, MATCH_THRESHOLD, STRENGTH_WEIGHT } from '../../src/diagnose/score.js';

describe('score', () => {
  it.each([
    [[], 0],
    [[0.9], 0.9],
    [[0.6, 0.6], 0.84],
    [[0.25, 0.25, 0.25, 0.25], 0.68359375],
    [[0.6, 0.1], 0.64],
  ])('combines %j as independent evidence into %d', (weights, score) => {
    expect(combine(weights)).toBeCloseTo(score, 10);
  });

  it.each([
    [1, 'high'],
    [0.85, 'high'],
    [0.8499, 'medium'],
    [0.6, 'medium'],
    [0.5999, 'low'],
    [0, 'low'],
  ])('a score of %d is %s confidence', (score, confidence) => {
    expect(confidenceOf(score)).toBe(confidence);
  });

  it('a strong signature alone reaches the threshold; supporting ones and keywords are far below it', () => {
    expect(STRENGTH_WEIGHT.strong).toBe(MATCH_THRESHOLD);
    expect(STRENGTH_WEIGHT.decisive).toBeGreaterThan(STRENGTH_WEIGHT.strong);
    expect(STRENGTH_WEIGHT.supporting).toBeLessThan(MATCH_THRESHOLD / 2);
    // keywords order candidates and can never carry a match, whatever their number
    expect(KEYWORD_CAP).toBeLessThan(MATCH_THRESHOLD);
    expect(KEYWORD_WEIGHT).toBeLessThan(KEYWORD_CAP);
  });
});
