import { describe, expect, it } from 'vitest';
import { planEpisode } from '../../test/helpers/plan-episode.ts';
import { cartPole, pendulum as pendulumEnv } from '../envs/classic-control/index.ts';
import type { EnvDefinition } from '../envs/env.ts';
import { cartPoleContinuous } from '../envs/tasks/cart-pole-continuous.ts';
import type { PlannerConfig } from './index.ts';

const pendulum = pendulumEnv as EnvDefinition;
const HANGING = [Math.PI, 0];
const LEANING = [0, 0, 0.15, 0.3];

function randomMean(env: EnvDefinition, start: number[], steps: number): number {
  let sum = 0;
  for (let seed = 0; seed < 5; seed++) sum += planEpisode(env, { start, steps, planner: null, seed });
  return sum / 5;
}

/** Small budgets: each planner gets a few thousand simulated steps per action. */
const CONTINUOUS: Array<PlannerConfig & { horizon: number }> = [
  { type: 'random-shooting', horizon: 20, population: 200 },
  { type: 'cem', horizon: 20, population: 100, elites: 10, iterations: 3 },
  { type: 'icem', horizon: 20, population: 60, elites: 8, iterations: 3 },
  { type: 'mppi', horizon: 20, population: 100 },
  { type: 'pddm', horizon: 20, population: 100 },
];

describe('planners with the true dynamics', () => {
  const pendulumRandom = randomMean(pendulum, HANGING, 100);
  const cartRandom = randomMean(cartPoleContinuous, LEANING, 200);

  it('random play is the baseline: the pendulum stays low, the leaning pole falls', () => {
    expect(pendulumRandom).toBeLessThan(-750);
    expect(cartRandom).toBeLessThan(60);
  });

  for (const planner of CONTINUOUS) {
    it(`${planner.type} swings the pendulum up and balances the cart-pole far better than random`, () => {
      const swing = planEpisode(pendulum, { start: HANGING, steps: 100, planner });
      const balance = planEpisode(cartPoleContinuous, { start: LEANING, steps: 200, planner });
      expect(swing).toBeGreaterThan(pendulumRandom + 150);
      expect(balance).toBeGreaterThan(2 * cartRandom);
      // The CEM family holds the leaning pole for the whole episode.
      if (planner.type === 'cem' || planner.type === 'icem') expect(balance).toBe(200);
    });
  }

  it('discrete planners (categorical CEM, random shooting) balance CartPole-v1', () => {
    const random = randomMean(cartPole as EnvDefinition, LEANING, 200);
    const cem = planEpisode(cartPole as EnvDefinition, {
      start: LEANING,
      steps: 200,
      planner: { type: 'categorical-cem', horizon: 15, population: 60, elites: 6, iterations: 3 },
    });
    const shooting = planEpisode(cartPole as EnvDefinition, {
      start: LEANING,
      steps: 200,
      planner: { type: 'random-shooting', horizon: 15, population: 100 },
    });
    expect(random).toBeLessThan(60);
    expect(cem).toBe(200);
    expect(shooting).toBeGreaterThan(2 * random);
  });

  it('the same seed plans the same episode', () => {
    const planner = CONTINUOUS[2]!;
    const a = planEpisode(pendulum, { start: HANGING, steps: 30, planner, seed: 3 });
    const b = planEpisode(pendulum, { start: HANGING, steps: 30, planner, seed: 3 });
    const c = planEpisode(pendulum, { start: HANGING, steps: 30, planner, seed: 4 });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
