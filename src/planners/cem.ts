/**
 * The cross-entropy method (Rubinstein 1999; as used by PETS, Chua et al. 2018, and mbrl-lib's
 * `CEMOptimizer`): sample a Gaussian population around the mean sequence, keep the elites, move
 * the mean and variance towards theirs with smoothing `alpha`, repeat.
 * @module
 */
import {
  type BoxActions,
  centreSequence,
  type PlanContext,
  type Planner,
  type PlanOutput,
  type PlanProblem,
  shiftSequence,
  startingMean,
  topK,
} from './planner.ts';
import { type BoundMode, rowMoments, sampleGaussian } from './sampling.ts';

/** CEM settings (defaults: mbrl-lib's PETS configuration). */
export interface CemConfig {
  horizon: number;
  /** Candidates per iteration (default 500). */
  population: number;
  /** Elites per iteration (default 50). */
  elites: number;
  /** Iterations per call (default 5). */
  iterations: number;
  /** Weight of the old mean/variance in each update (default 0.1). */
  alpha: number;
  /** How samples stay in bounds (default `truncated`). */
  bounds: BoundMode;
  /** Execute the final mean (`mean`, default) or the best sequence seen (`best`). */
  execute: 'mean' | 'best';
}

export const CEM_DEFAULTS: Omit<CemConfig, 'horizon'> = {
  population: 500,
  elites: 50,
  iterations: 5,
  alpha: 0.1,
  bounds: 'truncated',
  execute: 'mean',
};

/** Initial variance of CEM: ((high - low) / 4)^2 per dimension, tiled. */
export function initialStd(actions: BoxActions, horizon: number): Float32Array {
  const w = actions.low.length;
  const std = new Float32Array(horizon * w);
  for (let i = 0; i < std.length; i++) std[i] = (actions.high[i % w]! - actions.low[i % w]!) / 4;
  return std;
}

/** A CEM planner over Box actions. */
export function cemPlanner(actions: BoxActions, config: Partial<CemConfig> & { horizon: number }): Planner {
  const c: CemConfig = { ...CEM_DEFAULTS, ...config };
  const { horizon } = c;
  const w = actions.low.length;
  const len = horizon * w;
  return {
    name: 'cem',
    horizon,
    actions,
    plan({ evaluate, noise, context }: PlanProblem): PlanOutput {
      const mean = startingMean(context, len, () => centreSequence(actions, horizon));
      const variance = initialStd(actions, horizon).map((s) => s * s);
      const samples = new Float32Array(c.population * len);
      let best = new Float32Array(mean);
      let bestValue = Number.NEGATIVE_INFINITY;
      let eliteMean = Number.NEGATIVE_INFINITY;
      for (let it = 0; it < c.iterations; it++) {
        sampleGaussian(mean, variance.map(Math.sqrt), actions, c.population, c.bounds, noise, samples);
        const returns = evaluate(samples, c.population);
        const elites = topK(returns, c.elites);
        if (returns[elites[0]!]! > bestValue) {
          bestValue = returns[elites[0]!]!;
          best = samples.slice(elites[0]! * len, (elites[0]! + 1) * len);
        }
        eliteMean = 0;
        for (const e of elites) eliteMean += returns[e]! / elites.length;
        const m = rowMoments(samples, elites, len);
        for (let i = 0; i < len; i++) {
          mean[i] = c.alpha * mean[i]! + (1 - c.alpha) * m.mean[i]!;
          variance[i] = c.alpha * variance[i]! + (1 - c.alpha) * m.std[i]! ** 2;
        }
      }
      const sequence = c.execute === 'mean' ? mean : best;
      const next: PlanContext = { mean: shiftSequence(sequence, horizon, w, centreSequence(actions, 1)) };
      return {
        sequence,
        action: sequence.slice(0, w),
        // The mean itself is never scored; its estimate is the last iteration's elite average.
        value: c.execute === 'mean' ? eliteMean : bestValue,
        context: next,
        evaluations: c.population * c.iterations,
      };
    },
  };
}
