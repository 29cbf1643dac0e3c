import { describe, expect, it } from 'vitest';
import { gae, lambdaReturns } from './returns.ts';

describe('TD(lambda) returns', () => {
  // Two stretches: s0 -> s1 -> s2 (terminated), then a reset to s5 -> s6 (data ends).
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

describe('GAE', () => {
  // Rows 0-2 end in a termination at row 2; row 3 is cut by a time limit (truncated, the last row).
  const input = {
    reward: Float32Array.of(1, 2, 3, 4),
    terminated: Uint8Array.of(0, 0, 1, 0),
    ends: Uint8Array.of(0, 0, 1, 1),
    value: Float32Array.of(0.5, 1, 1.5, 2),
    nextValue: Float32Array.of(1, 1.5, 9, 3),
    discount: 0.9,
    lambda: 0.8,
  };

  it('matches advantages and returns worked out by hand', () => {
    const { advantages, returns } = gae(input);
    // Row 3 (truncated): delta = 4 + 0.9 * 3 - 2 = 4.7, bootstrapped from its own next state.
    // Row 2 (terminated): delta = 3 - 1.5 = 1.5; its next value 9 counts for nothing.
    // Row 1: delta = 2 + 0.9 * 1.5 - 1 = 2.35; A = 2.35 + 0.72 * 1.5 = 3.43.
    // Row 0: delta = 1 + 0.9 * 1 - 0.5 = 1.4; A = 1.4 + 0.72 * 3.43 = 3.8696.
    const expected = [3.8696, 3.43, 1.5, 4.7];
    for (let i = 0; i < 4; i++) {
      expect(advantages[i]).toBeCloseTo(expected[i]!, 5);
      expect(returns[i]).toBeCloseTo(expected[i]! + input.value[i]!, 5);
    }
  });

  it('lambda 0 gives the one-step TD error; an advantage never crosses a stretch end', () => {
    const { advantages } = gae({ ...input, lambda: 0 });
    expect([...advantages].map((a) => Math.round(a * 1e5) / 1e5)).toEqual([1.4, 2.35, 1.5, 4.7]);
    // Row 3 is after the termination: its advantage does not flow into row 2.
    const changed = gae({ ...input, reward: Float32Array.of(1, 2, 3, 100) });
    expect(changed.advantages[2]).toBe(gae(input).advantages[2]);
  });

  it("its returns are the TD(lambda) returns when the bootstrap values are the next rows' values", () => {
    const value = Float32Array.of(0.25, -1, 2, 0.5, 3);
    const base = {
      reward: Float32Array.of(1, -2, 0.5, 3, 1),
      terminated: new Uint8Array(5),
      ends: Uint8Array.of(0, 0, 0, 0, 1),
      value,
      nextValue: Float32Array.of(-1, 2, 0.5, 3, 7),
      discount: 0.95,
      lambda: 0.7,
    };
    const { returns } = gae(base);
    const td = lambdaReturns(base);
    for (let i = 0; i < 5; i++) expect(returns[i]).toBeCloseTo(td[i]!, 5);
  });
});
