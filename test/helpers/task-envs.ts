/**
 * Helpers for the task envs' tests (not a test file itself).
 * @module
 */
import { expect } from 'vitest';
import { EnvArgumentError, type EnvDefinition, type PhysicalState } from '../../src/envs/env.ts';
import type { Task } from '../../src/envs/task.ts';
import { Generator } from '../../src/rng/generator.ts';
import type { SpaceValue } from '../../src/spaces/space.ts';

/** Runs `fn` and returns the EnvArgumentError it throws (failing the test otherwise). */
export function argumentError(fn: () => unknown): EnvArgumentError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EnvArgumentError);
    return err as EnvArgumentError;
  }
  throw new Error('expected an EnvArgumentError');
}

/** The env's parameters for `kwargs` with `task` (parsed as a client's would be) applied. */
export function paramsWith<P, A extends SpaceValue>(
  def: EnvDefinition<P, A>,
  task?: Task,
  kwargs: Record<string, unknown> = {},
): P {
  const params = def.params({ ...def.defaultKwargs, ...kwargs });
  if (task === undefined) return params;
  if (!def.tasks) throw new Error(`${def.id} has no tasks`);
  return def.tasks.apply(params, def.tasks.parse(task, params));
}

/** One step's data, for comparisons. */
export interface StepRecord {
  state: PhysicalState;
  action: SpaceValue;
  next: PhysicalState;
  obs: SpaceValue;
  nextObs: SpaceValue;
  reward: number;
  terminated: boolean;
}

/**
 * Rolls out `actions` from `state` through the env's pure functions (what the adapter does,
 * with the task already in `params`); stops after a terminal step.
 */
export function rollout<P>(
  // biome-ignore lint/suspicious/noExplicitAny: any action type.
  def: EnvDefinition<P, any>,
  params: P,
  state: PhysicalState,
  actions: readonly SpaceValue[],
  rng: Generator = Generator.fromSeed(0),
): StepRecord[] {
  const out: StepRecord[] = [];
  let s = state;
  for (const action of actions) {
    const next = def.transition(s, action, params, def.stochastic ? rng : undefined);
    const record: StepRecord = {
      state: s,
      action,
      next,
      obs: def.observation(s, params),
      nextObs: def.observation(next, params),
      reward: def.reward(s, action, next, params),
      terminated: def.terminal(next, params),
    };
    out.push(record);
    s = next;
    if (record.terminated) break;
  }
  return out;
}

/** Flattens the observations and actions of a rollout into the batched functions' row-major rows. */
export function batchRows(steps: readonly StepRecord[]) {
  const flat = (v: SpaceValue): number[] =>
    typeof v === 'number' ? [v] : Array.from(v as ArrayLike<number>);
  return {
    n: steps.length,
    obs: Float32Array.from(steps.flatMap((s) => flat(s.obs))),
    action: Float32Array.from(steps.flatMap((s) => flat(s.action))),
    nextObs: Float32Array.from(steps.flatMap((s) => flat(s.nextObs))),
  };
}

/** Checks the batched reward and termination against the per-step values (relative tolerance). */
export function expectBatchedAgree<P>(
  // biome-ignore lint/suspicious/noExplicitAny: any action type.
  def: EnvDefinition<P, any>,
  params: P,
  steps: readonly StepRecord[],
  tolerance = 1e-5,
): void {
  expect(steps.length).toBeGreaterThan(0);
  const { n, obs, action, nextObs } = batchRows(steps);
  const reward = def.batched.reward(obs, action, nextObs, n, params);
  const terminal = def.batched.terminal(nextObs, n, params);
  expect(reward).toBeInstanceOf(Float32Array);
  expect(terminal).toBeInstanceOf(Uint8Array);
  steps.forEach((step, i) => {
    expect(Math.abs(reward[i]! - step.reward), `row ${i} reward`).toBeLessThanOrEqual(
      tolerance * Math.max(1, Math.abs(step.reward)),
    );
    expect(terminal[i], `row ${i} terminal`).toBe(step.terminated ? 1 : 0);
  });
}

/** Float32 Box actions drawn uniformly in [-scale, scale]^dim from a seeded generator. */
export function randomBoxActions(seed: number, count: number, dim: number, scale = 1): Float32Array[] {
  const rng = Generator.fromSeed(seed);
  return Array.from({ length: count }, () =>
    Float32Array.from({ length: dim }, () => rng.uniform(-scale, scale)),
  );
}
