import { ApiError } from '../problems.ts';

/**
 * A request's seed, checked to be exact: JSON numbers past 2^53 - 1 have lost digits already.
 * `span` is how far sub-env seeds go beyond it (`seed + i` in vector resets).
 */
export function seedOf(seed: number | null | undefined, span = 0): number | undefined {
  if (seed === null || seed === undefined) return undefined;
  if (!Number.isSafeInteger(seed + span)) {
    throw new ApiError('validation', `/body/seed: ${seed} is not exactly representable (max 2^53 - 1)`, [
      { pointer: '/body/seed', message: 'must be an integer in [0, 2^53 - 1]' },
    ]);
  }
  return seed;
}
