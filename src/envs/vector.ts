import { Generator, PACKED_RNG_BYTES } from '../rng/generator.ts';
import { type SpaceValue, SpaceValueError } from '../spaces/space.ts';
import { EnvArgumentError, type EnvDefinition } from './env.ts';
import { sameKwargs } from './episode.ts';
import { EpisodeEndedError, InvalidActionError } from './errors.ts';
import { envInstance } from './instance.ts';
import type { Task } from './task.ts';
import { checkReveal, initialTask, parseTaskOptions, visibleInfo, withTask } from './task-options.ts';
import { addInfo, type VectorInfo } from './vector-info.ts';

/** Gymnasium's `AutoresetMode`. */
export type AutoresetMode = 'next_step' | 'same_step' | 'disabled';

/** Sub-env status: running, or ended (terminated/truncated) and waiting for a reset. */
const RUNNING = 0;
const ENDED = 1;

/**
 * A batch of episodes as flat arrays, so that a token for thousands of sub-envs stays compact
 * and cheap to seal: physical states `[numEnvs, dim]` in float64, packed generators, step counts
 * and statuses.
 */
export interface VectorState {
  env: string;
  kwargs: Record<string, unknown>;
  mode: AutoresetMode;
  numEnvs: number;
  /** Length of one physical state. */
  dim: number;
  physical: Float64Array;
  rng: Uint8Array;
  steps: Uint32Array;
  status: Uint8Array;
  /** Each sub-env's task (envs with a task family). */
  tasks?: Task[] | undefined;
  /** True when the reset gave `options.task`: autoresets keep it instead of drawing a new one. */
  fixedTask?: boolean | undefined;
  reveal?: boolean | undefined;
  /** True when the client chose every sub-env's task; absent: some were drawn, hidden. */
  chosen?: boolean | undefined;
}

/** Arguments of a vector reset. */
export interface VectorResetArgs {
  numEnvs: number;
  /** `seed + i` for sub-env i, or one seed (or null) per sub-env. */
  seed?: number | (number | null)[] | null | undefined;
  options?: Readonly<Record<string, unknown>> | undefined;
  kwargs?: Readonly<Record<string, unknown>> | undefined;
  mode?: AutoresetMode | undefined;
  previous?: VectorState | undefined;
  /** The caller holds the grader key: hidden tasks may be revealed. */
  privileged?: boolean | undefined;
}

/** Batched reset output. */
export interface VectorResetResult {
  observations: SpaceValue[];
  info: VectorInfo;
  state: VectorState;
}

/** Batched step output (Gymnasium's vector 5-tuple plus the next state). */
export interface VectorStepResult extends VectorResetResult {
  rewards: Float64Array;
  terminated: Uint8Array;
  truncated: Uint8Array;
}

function physicalOf(state: VectorState, i: number): number[] {
  return Array.from(state.physical.subarray(i * state.dim, (i + 1) * state.dim));
}

function storePhysical(state: VectorState, i: number, physical: number[]): void {
  if (physical.length !== state.dim) {
    throw new Error(`${state.env}: physical state length changed from ${state.dim} to ${physical.length}`);
  }
  state.physical.set(physical, i * state.dim);
}

function copyState(s: VectorState): VectorState {
  return {
    ...s,
    physical: s.physical.slice(),
    rng: s.rng.slice(),
    steps: s.steps.slice(),
    status: s.status.slice(),
  };
}

function parseMask(value: unknown, numEnvs: number): boolean[] {
  if (!Array.isArray(value) || value.length !== numEnvs || value.some((v) => typeof v !== 'boolean')) {
    throw new EnvArgumentError('options.reset_mask', `must be an array of ${numEnvs} booleans`);
  }
  return value as boolean[];
}

/** Gymnasium's vector `reset`: sub-env `i` seeded `seed + i`; `options.reset_mask` resets a subset. */
export function vectorReset<P>(def: EnvDefinition<P>, args: VectorResetArgs): VectorResetResult {
  const { numEnvs, previous } = args;
  const { reset_mask: rawMask, ...resetOptions } = args.options ?? {};
  let kwargs = args.kwargs ?? {};
  if (previous) {
    if (previous.numEnvs !== numEnvs) {
      throw new EnvArgumentError(
        'num_envs',
        `the batch in \`state\` has ${previous.numEnvs} sub-envs, not ${numEnvs}`,
      );
    }
    if (args.kwargs && !sameKwargs(def.defaultKwargs, args.kwargs, previous.kwargs)) {
      throw new EnvArgumentError('kwargs', 'kwargs differ from those of the batch given in `state`');
    }
    kwargs = previous.kwargs;
  }
  if (Array.isArray(args.seed) && args.seed.length !== numEnvs) {
    throw new EnvArgumentError('seed', `needs one seed per sub-env (${numEnvs}), got ${args.seed.length}`);
  }
  const mask = rawMask === undefined ? undefined : parseMask(rawMask, numEnvs);
  if (mask && !previous)
    throw new EnvArgumentError('options.reset_mask', 'needs the batch `state` to keep the other sub-envs');
  const { params } = envInstance(def, kwargs);
  const { task: givenTask, reveal, schedule, envOptions } = parseTaskOptions(def, params, resetOptions);
  if (schedule) {
    throw new EnvArgumentError(
      'options.task_schedule',
      'task schedules are for single episodes, not vector envs',
    );
  }
  const tasks: (Task | undefined)[] = previous?.tasks
    ? [...previous.tasks]
    : new Array(numEnvs).fill(undefined);
  const resetOne = (rng: Generator, i: number) => {
    const task = initialTask(def, params, givenTask, rng);
    tasks[i] = task;
    const taskParams = withTask(def, params, task);
    return envOptions.state !== undefined
      ? def.parseState(envOptions.state, taskParams)
      : def.initial(rng, taskParams, envOptions);
  };

  let state: VectorState | undefined = previous ? copyState(previous) : undefined;
  const info: VectorInfo = {};
  for (let i = 0; i < numEnvs; i++) {
    if (mask && !mask[i]) continue;
    const seed = Array.isArray(args.seed)
      ? args.seed[i]
      : typeof args.seed === 'number'
        ? args.seed + i
        : null;
    const rng =
      seed !== undefined && seed !== null
        ? Generator.fromSeed(seed)
        : previous
          ? Generator.unpack(previous.rng, i * PACKED_RNG_BYTES)
          : Generator.fromSeed(null);
    const physical = resetOne(rng, i);
    state ??= {
      env: def.id,
      kwargs: { ...kwargs },
      mode: args.mode ?? 'next_step',
      numEnvs,
      dim: physical.length,
      physical: new Float64Array(numEnvs * physical.length),
      rng: new Uint8Array(numEnvs * PACKED_RNG_BYTES),
      steps: new Uint32Array(numEnvs),
      status: new Uint8Array(numEnvs),
    };
    storePhysical(state, i, physical);
    rng.pack(state.rng, i * PACKED_RNG_BYTES);
    state.steps[i] = 0;
    state.status[i] = RUNNING;
  }
  if (!state) throw new EnvArgumentError('options.reset_mask', 'resets no sub-env');
  if (args.mode) state.mode = args.mode;
  if (def.tasks) {
    state.tasks = tasks as Task[];
    state.fixedTask = givenTask !== undefined;
    // Sub-envs a masked reset keeps have the tasks they had: chosen only if those were too.
    const chosen = givenTask !== undefined && (!mask || !previous?.tasks || previous.chosen === true);
    checkReveal(reveal, true, chosen, args.privileged === true);
    if (chosen) state.chosen = true;
    else delete state.chosen;
    state.reveal = reveal;
    if (reveal) {
      for (const [k, task] of tasks.entries()) addInfo(info, { task }, k, numEnvs);
    }
  }
  const final = state;
  const observations = Array.from({ length: numEnvs }, (_, k) =>
    def.observation(physicalOf(final, k), withTask(def, params, final.tasks?.[k])),
  );
  return { observations, info, state };
}

/**
 * Gymnasium's vector `step` with the batch's autoreset mode. `actions` holds one wire value
 * per sub-env; each is parsed by the action space (bad ones are a {@link InvalidActionError}
 * naming the sub-env). Pure: the input state is not modified.
 */
export function vectorStep<P, A extends SpaceValue>(
  def: EnvDefinition<P, A>,
  input: VectorState,
  actions: readonly unknown[],
  options: { privileged?: boolean } = {},
): VectorStepResult {
  const n = input.numEnvs;
  if (actions.length !== n)
    throw new InvalidActionError(`expected ${n} actions (one per sub-env), got ${actions.length}`);
  if (input.mode === 'disabled') {
    const ended = input.status.indexOf(ENDED);
    if (ended >= 0) {
      throw new EpisodeEndedError(
        `sub-env ${ended} has ended and autoreset is disabled; reset it with options.reset_mask`,
      );
    }
  }
  const {
    params,
    actionSpace: space,
    observationSpace: obsSpace,
    maxEpisodeSteps,
  } = envInstance(def, input.kwargs);
  const parsed = actions.map((a, i) => {
    try {
      return space.parse(a, `action[${i}]`);
    } catch (err) {
      if (err instanceof SpaceValueError) throw new InvalidActionError(err.message);
      throw err;
    }
  });
  const state = copyState(input);
  if (state.tasks) state.tasks = [...state.tasks];
  const observations: SpaceValue[] = new Array(n);
  const rewards = new Float64Array(n);
  const terminated = new Uint8Array(n);
  const truncated = new Uint8Array(n);
  const info: VectorInfo = {};
  const rngAt = (i: number) => Generator.unpack(state.rng, i * PACKED_RNG_BYTES);
  const paramsOf = (i: number) => withTask(def, params, state.tasks?.[i]);
  const resetSubEnv = (i: number): number[] => {
    const rng = rngAt(i);
    if (state.tasks && !state.fixedTask) state.tasks[i] = def.tasks!.sample(rng, 'train', params);
    const physical = def.initial(rng, paramsOf(i), {});
    rng.pack(state.rng, i * PACKED_RNG_BYTES);
    storePhysical(state, i, physical);
    state.steps[i] = 0;
    state.status[i] = RUNNING;
    return physical;
  };
  const visible = state.chosen === true || options.privileged === true;
  const revealed = (i: number, stepInfo: Record<string, unknown>) =>
    state.reveal && state.tasks && visible ? { ...stepInfo, task: state.tasks[i] } : stepInfo;

  for (let i = 0; i < n; i++) {
    if (state.mode === 'next_step' && state.status[i] === ENDED) {
      const physical = resetSubEnv(i);
      observations[i] = def.observation(physical, paramsOf(i));
      if (state.reveal) addInfo(info, revealed(i, {}), i, n);
      continue;
    }
    const p = paramsOf(i);
    const before = physicalOf(state, i);
    const rng = def.stochastic ? rngAt(i) : undefined;
    const after = def.transition(before, parsed[i]!, p, rng);
    if (rng) rng.pack(state.rng, i * PACKED_RNG_BYTES);
    rewards[i] = def.reward(before, parsed[i]!, after, p);
    const term = def.terminal(after, p);
    const steps = state.steps[i]! + 1;
    const trunc = maxEpisodeSteps !== undefined && steps >= maxEpisodeSteps;
    terminated[i] = term ? 1 : 0;
    truncated[i] = trunc ? 1 : 0;
    storePhysical(state, i, after);
    state.steps[i] = steps;
    const stepInfo = revealed(
      i,
      visibleInfo(def, def.info?.(before, after, p) ?? {}, !state.tasks || visible),
    );
    let observation = def.observation(after, p);
    if (term || trunc) {
      state.status[i] = ENDED;
      if (state.mode === 'same_step') {
        // As plain nested arrays: info is wire data, and a typed array is not.
        addInfo(info, { final_obs: obsSpace.toJSON(observation), final_info: stepInfo }, i, n);
        const physical = resetSubEnv(i);
        observation = def.observation(physical, paramsOf(i));
        observations[i] = observation;
        continue;
      }
    }
    addInfo(info, stepInfo, i, n);
    observations[i] = observation;
  }
  return { observations, rewards, terminated, truncated, info, state };
}
