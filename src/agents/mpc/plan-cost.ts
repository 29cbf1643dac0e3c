/**
 * What one plan call costs, in floating-point operations, so a config that would stall the
 * service is refused when the agent is made (spec `x-limits.max_plan_flops`). Counts every model
 * row a plan rolls out through one member (2 x in x out per dense layer), the terminal value's
 * members at each trajectory's end, and for gradient planners every Adam step's forward and
 * backward pass (about 3 forwards) through the elite members the objective averages. Row counts
 * alone (`max_plan_rollouts`) miss network size: a [1024] x 3 ensemble costs ~100x a [200] x 3 one.
 * @module
 */
import { type DynamicsLayout, inputDim, outputDim } from '../../models/layout.ts';
import { plannerSupports } from '../../planners/index.ts';
import { type MpcConfig, planParticles } from './config.ts';

/** FLOPs of one forward row through an MLP of these widths. */
export function mlpFlops(inputs: number, hidden: readonly number[], outputs: number): number {
  const widths = [inputs, ...hidden, outputs];
  let flops = 0;
  for (let i = 1; i < widths.length; i++) flops += 2 * widths[i - 1]! * widths[i]!;
  return flops;
}

const num = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback);

/** FLOPs of one plan call of `config` for an agent with `layout`. */
export function planFlops(config: MpcConfig, layout: DynamicsLayout): number {
  const m = config.model;
  const member = mlpFlops(inputDim(layout), m.hidden_sizes, outputDim(layout) * (m.deterministic ? 1 : 2));
  const p = config.planner;
  const horizon = p.horizon;
  const particles = planParticles(config);
  const sampled = (population: number, iterations: number) => {
    const trajectories = population * particles * iterations;
    const value = config.value
      ? trajectories * config.value.ensemble_size * mlpFlops(layout.obsDim, config.value.hidden_sizes, 1)
      : 0;
    return trajectories * horizon * member + value;
  };
  if (plannerSupports(p.type).gradient) {
    // Adam on [population, horizon] actions: a forward and a backward pass per step.
    const steps = num(p.steps, 20);
    const gradient = steps * num(p.population, 16) * horizon * m.elites * member * 3;
    const cem = p.cem as Record<string, unknown> | undefined;
    return gradient + (cem ? sampled(num(cem.population, 500), num(cem.iterations, 5)) : 0);
  }
  return sampled(num(p.population, 1000), num(p.iterations, 1));
}
