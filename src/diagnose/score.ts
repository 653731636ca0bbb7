import type { SignatureStrength } from '../knowledge/schema.js';

/** What one signature is worth on its own; combined as independent evidence. */
export const STRENGTH_WEIGHT: Record<SignatureStrength, number> = {
  decisive: 0.9,
  strong: 0.6,
  supporting: 0.25,
};

/** Keywords only order candidates; together they can never carry a match. */
export const KEYWORD_WEIGHT = 0.03;
export const KEYWORD_CAP = 0.1;

/** A match needs this score and at least one decisive or strong signature. */
export const MATCH_THRESHOLD = 0.6;

/** From here a match is reported with high confidence (a decisive signature alone reaches 0.9). */
const HIGH_CONFIDENCE = 0.85;

/** A specific incident outranks the generic one it explains by at least this much. */
export const SPECIALIZATION_MARGIN = 0.05;

/** How many candidates after the best one an answer lists by default (CLI --top is 1 + this). */
export const DEFAULT_RUNNER_UPS = 3;

export type Confidence = 'high' | 'medium' | 'low';

export function combine(weights: number[]): number {
  return 1 - weights.reduce((rest, w) => rest * (1 - w), 1);
}

export function confidenceOf(score: number): Confidence {
  if (score >= HIGH_CONFIDENCE) return 'high';
  if (score >= MATCH_THRESHOLD) return 'medium';
  return 'low';
}
