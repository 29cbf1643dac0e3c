/**
 * CEM over Discrete actions: an independent categorical distribution per step, sampled, moved
 * towards the elites' action frequencies with smoothing `alpha` (the cross-entropy method's
 * categorical update, Rubinstein & Kroese 2004). The previous call's probabilities, shifted, warm
 * start the next; the best sequence seen is executed.
 * @module
 */
import {
  type DiscreteActions,
  type Planner,
  type PlanOutput,
  type PlanProblem,
  shiftSequence,
  startingMean,
  topK,
} from './planner.ts';

/** Categorical CEM settings. */
export interface CategoricalCemConfig {
  horizon: number;
  /** Candidates per iteration (default 200). */
  population: number;
  /** Elites per iteration (default 20). */
  elites: number;
  /** Iterations per call (default 4). */
  iterations: number;
  /** Weight of the old probabilities in each update (default 0.1). */
  alpha: number;
  /** Probability floor per action after each update, so no action dies out (default 0.01). */
  minProbability: number;
}

export const CATEGORICAL_CEM_DEFAULTS: Omit<CategoricalCemConfig, 'horizon'> = {
  population: 200,
  elites: 20,
  iterations: 4,
  alpha: 0.1,
  minProbability: 0.01,
};

/** A categorical-CEM planner over Discrete actions. */
export function categoricalCemPlanner(
  actions: DiscreteActions,
  config: Partial<CategoricalCemConfig> & { horizon: number },
): Planner {
  const c: CategoricalCemConfig = { ...CATEGORICAL_CEM_DEFAULTS, ...config };
  const { horizon } = c;
  const k = actions.n;
  const uniform = new Float32Array(k).fill(1 / k);
  return {
    name: 'categorical-cem',
    horizon,
    actions,
    plan({ evaluate, noise, context }: PlanProblem): PlanOutput {
      const probs = startingMean(context, horizon * k, () => new Float32Array(horizon * k).fill(1 / k));
      const samples = new Float32Array(c.population * horizon);
      let best = new Float32Array(horizon);
      let bestValue = Number.NEGATIVE_INFINITY;
      for (let it = 0; it < c.iterations; it++) {
        for (let p = 0; p < c.population; p++) {
          for (let t = 0; t < horizon; t++) {
            // Inverse CDF; the last action takes any rounding remainder.
            let u = noise.random();
            let a = 0;
            while (a < k - 1 && u >= probs[t * k + a]!) u -= probs[t * k + a++]!;
            samples[p * horizon + t] = a;
          }
        }
        const returns = evaluate(samples, c.population);
        const elites = topK(returns, c.elites);
        if (returns[elites[0]!]! > bestValue) {
          bestValue = returns[elites[0]!]!;
          best = samples.slice(elites[0]! * horizon, (elites[0]! + 1) * horizon);
        }
        const freq = new Float32Array(horizon * k);
        for (const e of elites) {
          for (let t = 0; t < horizon; t++) freq[t * k + samples[e * horizon + t]!]! += 1 / elites.length;
        }
        for (let t = 0; t < horizon; t++) {
          let sum = 0;
          for (let a = 0; a < k; a++) {
            const i = t * k + a;
            probs[i] = Math.max(c.alpha * probs[i]! + (1 - c.alpha) * freq[i]!, c.minProbability);
            sum += probs[i]!;
          }
          for (let a = 0; a < k; a++) probs[t * k + a]! /= sum;
        }
      }
      return {
        sequence: best,
        action: best.slice(0, 1),
        value: bestValue,
        context: { mean: shiftSequence(probs, horizon, k, uniform) },
        evaluations: c.population * c.iterations,
      };
    },
  };
}
