import { describe, expect, it } from 'vitest';
import { lambdaReturns, stretchEnds } from './value-targets.ts';

describe('value targets', () => {
  // Two stretches: s0 -> s1 -> s2 (terminated), then a reset to s5 -> s6 (data ends).
  const obs = Float32Array.of(0, 1, 5);
  const nextObs = Float32Array.of(1, 2, 6);

  it('a stretch ends where the next row does not start from the next observation, and at the end', () => {
    expect([...stretchEnds({ obs, nextObs, n: 3 }, 1)]).toEqual([0, 1, 1]);
    const continued = stretchEnds(
      { obs: Float32Array.of(0, 1, 2), nextObs: Float32Array.of(1, 2, 3), n: 3 },
      1,
    );
    expect([...continued]).toEqual([0, 0, 1]);
  });

  const input = {
    reward: Float32Array.of(1, 1, 1),
    terminated: Uint8Array.of(0, 1, 0),
    ends: Uint8Array.of(0, 1, 1),
    nextValue: Float32Array.of(10, 10, 10),
    discount: 0.5,
  };

  it('lambda 1 is the Monte Carlo return, cut at termination, bootstrapped where the data stops', () => {
    const g = lambdaReturns({ ...input, lambda: 1 });
    // Row 1 terminated: 1. Row 0: 1 + 0.5 * 1. Row 2 (data ends, not terminated): 1 + 0.5 * 10.
    expect([...g]).toEqual([1.5, 1, 6]);
  });

  it('lambda 0 is the one-step TD target', () => {
    const g = lambdaReturns({ ...input, lambda: 0 });
    expect([...g]).toEqual([6, 1, 6]);
  });

  it('intermediate lambda mixes the two', () => {
    const g = lambdaReturns({ ...input, lambda: 0.5 });
    // Row 0: 1 + 0.5 * (0.5 * 10 + 0.5 * 1) = 3.75.
    expect(g[0]).toBeCloseTo(3.75, 6);
  });
});
