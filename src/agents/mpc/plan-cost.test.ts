import { describe, expect, it } from 'vitest';
import { resolveMpcConfig } from './config.ts';
import { mpcFamily } from './family.ts';
import { mlpFlops, planFlops } from './plan-cost.ts';
import { layoutFor } from './record.ts';

const box = (n: number) => ({
  type: 'Box' as const,
  dtype: 'float32' as const,
  shape: [n],
  low: Array(n).fill(-1),
  high: Array(n).fill(1),
});
const spaces = { observation: box(3), action: box(1) };
const limits = {
  maxPlanRollouts: 2_000_000,
  maxPlanFlops: 4e11,
  maxTransitionsPerRequest: 1000,
  maxReplayValues: 2 ** 28,
};
const layout = layoutFor(spaces.observation, spaces.action, { reward: false, termination: false });
const resolve = (config: unknown, preset = 'default') =>
  mpcFamily.resolveConfig({ preset, config, spaces, limits, known: true });

describe('plan cost', () => {
  it('counts 2 x in x out per dense layer', () => {
    expect(mlpFlops(4, [200, 200], 6)).toBe(2 * (4 * 200 + 200 * 200 + 200 * 6));
  });

  it('is rows x one member for sampling planners', () => {
    const config = resolveMpcConfig(
      'default',
      {},
      { kind: 'box', low: Float32Array.of(-1), high: Float32Array.of(1) },
      limits,
    );
    // iCEM 100 x 5 particles x 15 steps x 3 iterations through a 4 -> 3 x 200 -> 2 x 3 member.
    expect(planFlops(config, layout)).toBe(100 * 5 * 15 * 3 * mlpFlops(4, [200, 200, 200], 6));
  });

  it('accepts every preset, and refuses what would stall the service, naming the cost', () => {
    for (const p of mpcFamily.presets) expect(() => resolve({}, p.name)).not.toThrow();
    // The same row budget through a 1024-wide ensemble: ~30x the default preset's rows' cost.
    expect(() =>
      resolve({
        model: { hidden_sizes: [1024, 1024, 1024] },
        planner: { type: 'icem', horizon: 30, population: 1000, iterations: 5 },
      }),
    ).toThrow(/GFLOP.*limit is 400 GFLOP/);
    // A gradient planner's steps count, too.
    expect(() =>
      resolve({ model: { learned_reward: true }, planner: { type: 'gradient', horizon: 15, steps: 1e9 } }),
    ).toThrow(/GFLOP/);
    expect(() =>
      resolve({ model: { learned_reward: true }, planner: { type: 'gradient', horizon: 15, steps: 20 } }),
    ).not.toThrow();
  });
});
