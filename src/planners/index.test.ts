import { describe, expect, it } from 'vitest';
import { createPlanner, PLANNER_TYPES, plannerSupports } from './index.ts';

const BOX = { kind: 'box' as const, low: Float32Array.of(-1, -1), high: Float32Array.of(1, 1) };
const DISCRETE = { kind: 'discrete' as const, n: 3 };

describe('createPlanner', () => {
  it('builds every planner for the action spaces it supports', () => {
    for (const type of PLANNER_TYPES) {
      const s = plannerSupports(type);
      if (s.gradient) continue; // needs the tensor module (gradient.test.ts)
      if (s.box)
        expect(createPlanner({ type, horizon: 5 } as never, BOX).name).toContain(
          type === 'mppi' ? 'mppi' : type.split('-')[0],
        );
      if (s.discrete) expect(createPlanner({ type, horizon: 5 } as never, DISCRETE).horizon).toBe(5);
      if (!s.discrete)
        expect(() => createPlanner({ type, horizon: 5 } as never, DISCRETE)).toThrow(/Discrete/);
    }
    expect(() => createPlanner({ type: 'categorical-cem', horizon: 5 }, BOX)).toThrow(/Box/);
  });

  it('refuses unknown types and bad numbers, naming the field', () => {
    expect(() => createPlanner({ type: 'nope', horizon: 5 } as never, BOX)).toThrow(
      /unknown planner type "nope"/,
    );
    expect(() => createPlanner({ type: 'cem', horizon: 0 }, BOX)).toThrow(/horizon/);
    expect(() => createPlanner({ type: 'cem', horizon: 5, population: 2.5 }, BOX)).toThrow(/population/);
    expect(() => createPlanner({ type: 'cem', horizon: 5, population: 10, elites: 20 }, BOX)).toThrow(
      /elites/,
    );
    expect(() => createPlanner({ type: 'cem', horizon: 5, alpha: 1.5 }, BOX)).toThrow(/alpha/);
    expect(() => createPlanner({ type: 'pddm', horizon: 5, kappa: Number.NaN }, BOX)).toThrow(/kappa/);
    expect(() => createPlanner({ type: 'cem-gradient', horizon: 5, cem: { iterations: 0 } }, BOX)).toThrow(
      /cem.iterations/,
    );
  });
});
