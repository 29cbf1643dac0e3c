import { describe, expect, it } from 'vitest';
import { planEpisode } from '../../test/helpers/plan-episode.ts';
import type { EnvDefinition } from '../envs/env.ts';
import { builtinRegistry } from '../envs/index.ts';
import type { TerminalValueFunction } from './evaluator.ts';

/**
 * A quadratic value for CartPole-v1 near upright: `1 - s'Ps` (floored at 0) with P the solution of
 * the discrete Riccati equation of Gymnasium's cart-pole linearised at upright (Euler, tau 0.02;
 * Q = diag(1, 1, 10, 1), R = 0.1), scaled to its largest entry. It couples cart and pole: moving
 * the cart back to the centre first needs the pole tilted towards it.
 */
function lqrValue(scale: number): TerminalValueFunction {
  const [g, mc, mp, l, tau] = [9.8, 1, 0.1, 0.5, 0.02];
  const m = mc + mp;
  const den = l * (4 / 3 - mp / m);
  // x' = A x + B u for x = [x, x_dot, theta, theta_dot], u = force.
  const A = [
    [1, tau, 0, 0],
    [0, 1, (-tau * mp * l * g) / (den * m), 0],
    [0, 0, 1, tau],
    [0, 0, (tau * g) / den, 1],
  ];
  const B = [0, tau * (1 / m + (mp * l) / (m * m * den)), 0, -tau / m / den];
  const Q = [1, 1, 10, 1];
  let P = Q.map((q, i) => Q.map((_, j) => (i === j ? q : 0)));
  const mul = (X: number[][], Y: number[][]) =>
    X.map((r) => Y[0]!.map((_, j) => r.reduce((s, v, k) => s + v * Y[k]![j]!, 0)));
  const T = (X: number[][]) => X[0]!.map((_, j) => X.map((r) => r[j]!));
  for (let it = 0; it < 3000; it++) {
    // K = (R + B'PB)^-1 B'PA; P = Q + A'P(A - BK), with a scalar input (R = 0.1).
    const PA = mul(P, A);
    const BPB = B.reduce((s, b, k) => s + b * P[k]!.reduce((t, v, j) => t + v * B[j]!, 0), 0);
    const K = A[0]!.map((_, j) => B.reduce((s, b, k) => s + b * PA[k]![j]!, 0) / (0.1 + BPB));
    const closed = A.map((row, i) => row.map((v, j) => v - B[i]! * K[j]!));
    P = mul(mul(T(A), P), closed).map((row, i) => row.map((v, j) => v + (i === j ? Q[i]! : 0)));
  }
  const top = Math.max(...P.flat().map(Math.abs));
  return (obs, n) =>
    Float32Array.from({ length: n }, (_, r) => {
      let q = 0;
      for (let i = 0; i < 4; i++)
        for (let j = 0; j < 4; j++) q += (obs[r * 4 + i]! * P[i]![j]! * obs[r * 4 + j]!) / top;
      return scale * Math.max(0, 1 - q);
    });
}

describe('terminal value', () => {
  const env = builtinRegistry().get('CartPole-v1') as EnvDefinition;
  // Off centre and drifting outwards: surviving 20 steps is easy, staying on the track is not.
  const DRIFTING = [1.5, 0.5, 0, 0];
  const planner = {
    type: 'categorical-cem' as const,
    horizon: 15,
    population: 100,
    elites: 10,
    iterations: 3,
  };

  it('lets a short horizon keep CartPole-v1 on the track, which the reward alone cannot', () => {
    const seeds = [1, 2, 3];
    const episode = (seed: number, value?: { terminalValue: TerminalValueFunction; discount: number }) =>
      planEpisode(env, { start: DRIFTING, steps: 500, planner, seed, ...(value ? { value } : {}) });
    const alone = seeds.map((seed) => episode(seed));
    const valued = seeds.map((seed) => episode(seed, { terminalValue: lqrValue(20), discount: 0.98 }));
    // Every plan that survives the horizon scores the same: which one runs is luck, and the cart
    // drifts off the track (measured: 110, 87 and 66 steps).
    expect(Math.max(...alone)).toBeLessThan(500);
    expect(valued).toEqual([500, 500, 500]);
  });
});
