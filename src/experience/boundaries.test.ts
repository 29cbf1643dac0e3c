import { describe, expect, it } from 'vitest';
import { formatOneSegment } from '../../test/helpers/segments.ts';
import { episodeEnds, stretchBounds, stretchEnds } from './boundaries.ts';
import { lambdaReturns } from './returns.ts';
import { decodeSegment } from './segments.ts';

describe('stretch ends', () => {
  // Two stretches: s0 -> s1 -> s2, then a reset to s5 -> s6 (data ends).
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

  it('episode ends add terminated and truncated rows, even where the next row continues', () => {
    const chain = { obs: Float32Array.of(0, 1, 2, 3), nextObs: Float32Array.of(1, 2, 3, 4), n: 4 };
    const terminated = Uint8Array.of(0, 1, 0, 0);
    const truncated = Uint8Array.of(0, 0, 1, 0);
    expect([...episodeEnds({ ...chain, terminated, truncated }, 1)]).toEqual([0, 1, 1, 1]);
    // Without truncated (format 1 rows), only the comparison and terminations count.
    expect([...episodeEnds({ ...chain, terminated }, 1)]).toEqual([0, 1, 0, 1]);
  });

  it('stretch bounds give every row its first and last row', () => {
    const { start, end } = stretchBounds(Uint8Array.of(0, 0, 1, 0, 1, 0));
    expect([...start]).toEqual([0, 0, 0, 3, 3, 5]);
    expect([...end]).toEqual([2, 2, 2, 4, 4, 5]);
  });
});

describe('format 1 data', () => {
  /**
   * Rows as the MPC learn loop and posts stored them before `truncated`: a 4-step episode cut by a
   * time limit (no flag), a reset, 3 steps ending in a termination, a reset, rows posted out of
   * order, and one terminated row that the next row happens to continue.
   */
  function legacyRows() {
    const obs: number[] = [];
    const next: number[] = [];
    const terminated: number[] = [];
    const add = (o: number, nx: number, term = 0) => {
      obs.push(o, -o);
      next.push(nx, -nx);
      terminated.push(term);
    };
    for (let k = 0; k < 4; k++) add(0.1 * k, 0.1 * (k + 1));
    for (let k = 0; k < 3; k++) add(2 + k, 3 + k, k === 2 ? 1 : 0);
    add(9, 10);
    add(7, 8);
    add(8, 9, 1);
    add(9, 10);
    const n = terminated.length;
    return {
      n,
      obs: Float32Array.from(obs),
      nextObs: Float32Array.from(next),
      action: Float32Array.from({ length: n }, (_, i) => i / n),
      reward: Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 3),
      terminated: Uint8Array.from(terminated),
    };
  }

  it('read back from a format 1 segment, it gives the TD(lambda) targets of before bit for bit', () => {
    const legacy = legacyRows();
    const t = decodeSegment(formatOneSegment(legacy, 2, 1), 2, 1);
    expect([...t.truncated!]).toEqual(new Array(legacy.n).fill(0));
    const nextValue = Float32Array.from({ length: legacy.n }, (_, i) => Math.cos(i) * 10);
    for (const lambda of [0, 0.5, 0.95, 1]) {
      const settings = { nextValue, discount: 0.98, lambda, reward: t.reward, terminated: t.terminated };
      const before = lambdaReturns({ ...settings, ends: stretchEnds(legacy, 2) });
      const now = lambdaReturns({ ...settings, ends: episodeEnds(t, 2) });
      expect(new Uint8Array(now.buffer)).toEqual(new Uint8Array(before.buffer));
    }
  });
});
