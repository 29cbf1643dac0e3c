/**
 * Test and benchmark data: one-step Pendulum-v1 transitions from uniformly random states and
 * torques, generated with the env's pure functions (`transition`, `observation`). Inputs are
 * `[cos th, sin th, th_dot, torque]`, targets the observation change `obs' - obs`.
 * @module
 */
import { classicControlEnvs } from '../../src/envs/classic-control/index.ts';
import type { EnvDefinition } from '../../src/envs/env.ts';
import type { Dataset } from '../../src/models/train.ts';
import { Generator } from '../../src/rng/generator.ts';

/** Random one-step Pendulum-v1 transitions (theta in [-pi, pi], theta_dot in [-8, 8], torque in [-2, 2]). */
export function pendulumTransitions(n: number, seed: number): Dataset {
  const env = classicControlEnvs.find((e) => e.id === 'Pendulum-v1') as EnvDefinition<unknown, Float32Array>;
  const params = env.params(env.defaultKwargs);
  const rng = Generator.fromSeed(seed);
  const inputs = new Float32Array(n * 4);
  const targets = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const state = [rng.uniform(-Math.PI, Math.PI), rng.uniform(-8, 8)];
    const action = Float32Array.of(rng.uniform(-2, 2));
    const obs = env.observation(state, params) as Float32Array;
    const next = env.observation(env.transition(state, action, params), params) as Float32Array;
    inputs.set(obs, 4 * i);
    inputs[4 * i + 3] = action[0]!;
    for (let j = 0; j < 3; j++) targets[3 * i + j] = next[j]! - obs[j]!;
  }
  return { inputs, targets, n };
}

/** Mean squared value of `targets` (the MSE of predicting zero change). */
export function zeroPredictorMse(targets: Float32Array): number {
  let s = 0;
  for (const v of targets) s += v * v;
  return s / targets.length;
}
