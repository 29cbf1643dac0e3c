/**
 * One episode of an env driven by a {@link Policy}, on the envs' pure reset/step functions with
 * Gymnasium's semantics (seeded reset, TimeLimit truncation, tasks through reset options). Each
 * step's transition can be recorded with `terminated` and `truncated` as the env reports them; an
 * episode cut short by `maxSteps` gets `truncated` on its last row (it did not terminate: values
 * bootstrap there).
 * @module
 */
import type { EnvDefinition } from '../envs/env.ts';
import { resetEpisode, stepEpisode } from '../envs/episode.ts';
import { envInstance } from '../envs/instance.ts';
import { Generator } from '../rng/generator.ts';
import type { SpaceValue } from '../spaces/space.ts';
import { actionRow, type EnvAction, observationRow, type Policy } from './policy.ts';
import type { TransitionRecorder } from './recorder.ts';

/** One step as it happened, for {@link RolloutOptions.extras}. */
export interface RolloutStep {
  observation: SpaceValue;
  action: EnvAction;
  next: SpaceValue;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: Record<string, unknown>;
}

/** Options of {@link runRollout}. */
export interface RolloutOptions {
  policy: Policy;
  /** The reset's seed. */
  seed: number;
  kwargs?: Readonly<Record<string, unknown>>;
  /** Reset options (e.g. `{task}`). */
  resetOptions?: Record<string, unknown>;
  /** The policy's generator (default: a fresh one from `seed`, a stream apart from the env's). */
  rng?: Generator;
  /** Stop after this many steps (the episode counts as truncated there). */
  maxSteps?: number;
  /** Rows go here as they happen. */
  recorder?: TransitionRecorder;
  /** The recorder's optional columns for a step (goals, task index, images). */
  extras?(step: RolloutStep): Record<string, number | ArrayLike<number>>;
  /** Observation rows from env observations (default: the values of an array observation). */
  observe?(value: SpaceValue): Float32Array;
  /** Called after every step with the steps taken so far (throw to stop). */
  onStep?(steps: number): void;
}

/** One finished episode. */
export interface RolloutSummary {
  seed: number;
  return: number;
  length: number;
  terminated: boolean;
  /** Cut by the TimeLimit or by `maxSteps` without terminating. */
  truncated: boolean;
}

/** Runs one episode of `def` (see the module doc). */
export function runRollout(def: EnvDefinition, options: RolloutOptions): RolloutSummary {
  const kwargs = options.kwargs ?? {};
  const observe = options.observe ?? observationRow;
  const { actionSpace } = envInstance(def, kwargs);
  const reset = resetEpisode(def, {
    seed: options.seed,
    kwargs,
    ...(options.resetOptions !== undefined ? { options: options.resetOptions } : {}),
  });
  let episode = reset.state;
  let value = reset.observation;
  let obs = observe(value);
  const rng = options.rng ?? Generator.fromSeed(options.seed);
  let total = 0;
  let steps = 0;
  for (;;) {
    const action = options.policy.act(obs, rng);
    const { state, ...step } = stepEpisode(def, episode, action);
    episode = state;
    const next = observe(step.observation);
    const cut = options.maxSteps !== undefined && steps + 1 >= options.maxSteps;
    const truncated = step.truncated || (cut && !step.terminated);
    if (options.recorder) {
      const extra = options.extras?.({
        observation: value,
        action,
        next: step.observation,
        reward: step.reward,
        terminated: step.terminated,
        truncated,
        info: step.info,
      });
      options.recorder.push(
        obs,
        actionRow(actionSpace, action),
        next,
        step.reward,
        step.terminated,
        truncated,
        extra,
      );
    }
    total += step.reward;
    steps++;
    options.onStep?.(steps);
    obs = next;
    value = step.observation;
    if (step.terminated || truncated) {
      return { seed: options.seed, return: total, length: steps, terminated: step.terminated, truncated };
    }
  }
}
