/**
 * Model-predictive path integral control and PDDM's filtered variant, one implementation:
 * candidates `a_t = beta (mu_t + n_t) + (1 - beta) a_{t-1}` with `n_t ~ N(0, sigma^2)`, the new
 * mean the reward-weighted average of the candidates, weights `exp(kappa (R - max R))`.
 * - MPPI (Williams et al. 2017): `beta = 1` (white noise), `kappa = 1 / lambda` (temperature).
 * - PDDM (Nagabandi et al., "Deep Dynamics Models for Learning Dexterous Manipulation", 2019):
 *   `beta < 1` low-pass filters the noise over time (smooth sequences); the paper's reward-weighting
 *   `gamma` is `kappa` here. mbrl-lib's `MPPIOptimizer` is this filtered form.
 * @module
 */
import {
  type BoxActions,
  centreSequence,
  clamp,
  type Planner,
  type PlanOutput,
  type PlanProblem,
  shiftSequence,
  startingMean,
} from './planner.ts';

/** MPPI / PDDM settings. */
export interface MppiConfig {
  horizon: number;
  /** Candidates per iteration (default 500). */
  population: number;
  /** Updates per call (default 1: MPPI refines across calls through the warm start). */
  iterations: number;
  /** Reward weighting (1 / temperature) (default 10, PDDM's gamma). */
  kappa: number;
  /** Noise standard deviation as a fraction of half the action range (default 0.5). */
  sigma: number;
  /** Filter coefficient: 1 = white noise (MPPI), < 1 smoother (PDDM; default 0.7). */
  beta: number;
}

export const PDDM_DEFAULTS: Omit<MppiConfig, 'horizon'> = {
  population: 500,
  iterations: 1,
  kappa: 10,
  sigma: 0.5,
  beta: 0.7,
};

export const MPPI_DEFAULTS: Omit<MppiConfig, 'horizon'> = { ...PDDM_DEFAULTS, beta: 1 };

/** A filtered-MPPI planner (`name` `pddm` or `mppi` only labels which defaults were used). */
export function mppiPlanner(
  actions: BoxActions,
  config: Partial<MppiConfig> & { horizon: number },
  name: 'mppi' | 'pddm' = config.beta === undefined || config.beta < 1 ? 'pddm' : 'mppi',
): Planner {
  const c: MppiConfig = { ...(name === 'mppi' ? MPPI_DEFAULTS : PDDM_DEFAULTS), ...config };
  const { horizon } = c;
  const w = actions.low.length;
  const len = horizon * w;
  const sigma = Float32Array.from(actions.low, (lo, j) => (c.sigma * (actions.high[j]! - lo)) / 2);
  const centre = centreSequence(actions, 1);
  return {
    name,
    horizon,
    actions,
    plan({ evaluate, noise, context }: PlanProblem): PlanOutput {
      const mean = startingMean(context, len, () => centreSequence(actions, horizon));
      const samples = new Float32Array(c.population * len);
      let value = Number.NEGATIVE_INFINITY;
      for (let it = 0; it < c.iterations; it++) {
        for (let p = 0; p < c.population; p++) {
          const row = p * len;
          for (let t = 0; t < horizon; t++) {
            for (let j = 0; j < w; j++) {
              const i = t * w + j;
              const previous = t === 0 ? mean[j]! : samples[row + i - w]!;
              const v = c.beta * (mean[i]! + sigma[j]! * noise.normal()) + (1 - c.beta) * previous;
              samples[row + i] = clamp(v, actions.low[j]!, actions.high[j]!);
            }
          }
        }
        const returns = evaluate(samples, c.population);
        let max = Number.NEGATIVE_INFINITY;
        for (const r of returns) if (r > max) max = r;
        if (max === Number.NEGATIVE_INFINITY) continue; // every candidate diverged: keep the mean
        const weights = Float64Array.from(returns, (r) => Math.exp(c.kappa * (r - max)));
        let total = 0;
        let expected = 0;
        for (let p = 0; p < c.population; p++) {
          total += weights[p]!;
          expected += weights[p]! * returns[p]!;
        }
        mean.fill(0);
        for (let p = 0; p < c.population; p++) {
          const f = weights[p]! / total;
          if (f === 0) continue;
          for (let i = 0; i < len; i++) mean[i]! += f * samples[p * len + i]!;
        }
        value = expected / total;
      }
      return {
        sequence: mean,
        action: mean.slice(0, w),
        // The weighted mean is not scored itself; this is the weighted average of its candidates' returns.
        value,
        context: { mean: shiftSequence(mean, horizon, w, centre) },
        evaluations: c.population * c.iterations,
      };
    },
  };
}
