/**
 * iCEM (Pinneri et al., "Sample-efficient Cross-Entropy Method for Real-time Planning", 2020; as
 * mbrl-lib's `ICEMOptimizer`): CEM with temporally correlated (colored) noise, a population that
 * shrinks by `decay` each iteration, a fraction of the elites kept into the next iteration and,
 * shifted by one step, into the next call, the mean itself evaluated in the last iteration, and
 * the best sequence seen executed.
 * @module
 */

import { initialStd } from './cem.ts';
import { ColoredNoise } from './colored-noise.ts';
import {
  type BoxActions,
  centreSequence,
  clamp,
  type Planner,
  type PlanOutput,
  type PlanProblem,
  shiftSequence,
  startingMean,
  topK,
} from './planner.ts';
import { rowMoments, smooth } from './sampling.ts';

/** iCEM settings (defaults: the paper's and mbrl-lib's). */
export interface IcemConfig {
  horizon: number;
  /** Candidates in the first iteration (default 100). */
  population: number;
  /** Elites per iteration (default 10). */
  elites: number;
  /** Iterations per call (default 3). */
  iterations: number;
  /** Weight of the old mean/standard deviation in each update (default 0.1). */
  alpha: number;
  /** Population of iteration i: population * decay^-i, at least 2 elites (default 1.25). */
  decay: number;
  /** Colored-noise exponent beta (default 2). */
  noiseExponent: number;
  /** Fraction of the elites carried into the next iteration and call (default 0.3). */
  keepElites: number;
}

export const ICEM_DEFAULTS: Omit<IcemConfig, 'horizon'> = {
  population: 100,
  elites: 10,
  iterations: 3,
  alpha: 0.1,
  decay: 1.25,
  noiseExponent: 2,
  keepElites: 0.3,
};

/** An iCEM planner over Box actions. */
export function icemPlanner(actions: BoxActions, config: Partial<IcemConfig> & { horizon: number }): Planner {
  const c: IcemConfig = { ...ICEM_DEFAULTS, ...config };
  const { horizon } = c;
  const w = actions.low.length;
  const len = horizon * w;
  const colored = new ColoredNoise(c.noiseExponent, horizon);
  const kept = Math.floor(c.keepElites * c.elites);
  const centre = centreSequence(actions, 1);
  return {
    name: 'icem',
    horizon,
    actions,
    plan({ evaluate, noise, context }: PlanProblem): PlanOutput {
      const mean = startingMean(context, len, () => centreSequence(actions, horizon));
      const std = initialStd(actions, horizon);
      // Elites shifted from the previous call (their last step filled with the centre).
      let carried = context?.elites ?? new Float32Array(0);
      if (carried.length % len !== 0) throw new RangeError('context elites do not match the horizon');
      carried = carried.subarray(0, Math.min(kept, carried.length / len) * len);
      let best = new Float32Array(mean);
      let bestValue = Number.NEGATIVE_INFINITY;
      let elites = new Float32Array(0);
      let evaluations = 0;
      for (let it = 0; it < c.iterations; it++) {
        const sampled = Math.max(Math.round(c.population * c.decay ** -it), 2 * c.elites);
        const extra = carried.length / len + (it === c.iterations - 1 ? 1 : 0);
        const total = sampled + extra;
        const population = new Float32Array(total * len);
        for (let p = 0; p < sampled; p++) {
          for (let j = 0; j < w; j++) colored.sample(noise, population, p * len + j, w);
        }
        for (let i = 0; i < sampled * len; i++) {
          const j = i % w;
          const v = mean[i % len]! + std[i % len]! * population[i]!;
          population[i] = clamp(v, actions.low[j]!, actions.high[j]!);
        }
        population.set(carried, sampled * len);
        if (it === c.iterations - 1) population.set(mean, (total - 1) * len);
        const returns = evaluate(population, total);
        evaluations += total;
        const top = topK(returns, Math.min(c.elites, total));
        if (returns[top[0]!]! > bestValue) {
          bestValue = returns[top[0]!]!;
          best = population.slice(top[0]! * len, (top[0]! + 1) * len);
        }
        elites = new Float32Array(top.length * len);
        top.forEach((e, k) => {
          elites.set(population.subarray(e * len, (e + 1) * len), k * len);
        });
        carried = elites.subarray(0, Math.min(kept, top.length) * len);
        const m = rowMoments(population, top, len);
        smooth(mean, m.mean, c.alpha);
        smooth(std, m.std, c.alpha);
      }
      const keptNext = new Float32Array(carried.length);
      for (let k = 0; k < carried.length / len; k++) {
        keptNext.set(shiftSequence(carried.subarray(k * len, (k + 1) * len), horizon, w, centre), k * len);
      }
      return {
        sequence: best,
        action: best.slice(0, w),
        value: bestValue,
        context: { mean: shiftSequence(mean, horizon, w, centre), elites: keptNext },
        evaluations,
      };
    },
  };
}
