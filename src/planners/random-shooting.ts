/**
 * Random shooting (Nagabandi et al. 2018; the baseline of PETS and PDDM): score uniformly random
 * sequences and execute the best. The previous call's best, shifted, is one of the candidates, so
 * a good plan is never lost between steps. Box and Discrete actions.
 * @module
 */
import {
  actionWidth,
  argmax,
  type PlanActions,
  type Planner,
  type PlanOutput,
  type PlanProblem,
  shiftSequence,
} from './planner.ts';

/** Random-shooting settings. */
export interface RandomShootingConfig {
  horizon: number;
  /** Candidates per call (default 1000). */
  population: number;
}

export const RANDOM_SHOOTING_DEFAULTS: Omit<RandomShootingConfig, 'horizon'> = { population: 1000 };

/** A random-shooting planner. */
export function randomShootingPlanner(
  actions: PlanActions,
  config: Partial<RandomShootingConfig> & { horizon: number },
): Planner {
  const c: RandomShootingConfig = { ...RANDOM_SHOOTING_DEFAULTS, ...config };
  const { horizon } = c;
  const w = actionWidth(actions);
  const len = horizon * w;
  return {
    name: 'random-shooting',
    horizon,
    actions,
    plan({ evaluate, noise, context }: PlanProblem): PlanOutput {
      const samples = new Float32Array(c.population * len);
      for (let i = 0; i < samples.length; i++) {
        if (actions.kind === 'discrete') {
          samples[i] = Math.floor(noise.random() * actions.n);
        } else {
          const j = i % w;
          samples[i] = actions.low[j]! + noise.random() * (actions.high[j]! - actions.low[j]!);
        }
      }
      if (context?.mean !== undefined && context.mean.length === len) samples.set(context.mean);
      const returns = evaluate(samples, c.population);
      const b = argmax(returns);
      const sequence = samples.slice(b * len, (b + 1) * len);
      return {
        sequence,
        action: sequence.slice(0, w),
        value: returns[b]!,
        context: { mean: shiftSequence(sequence, horizon, w) },
        evaluations: c.population,
      };
    },
  };
}
