import { Generator, type RngState } from '../rng/generator.ts';
import { type SpaceValue, SpaceValueError } from '../spaces/space.ts';
import { EnvArgumentError, type EnvDefinition, type PhysicalState } from './env.ts';
import { EpisodeEndedError, InvalidActionError } from './errors.ts';
import { envInstance } from './instance.ts';
import type { Task } from './task.ts';
import {
  checkReveal,
  initialTask,
  parseTaskOptions,
  scheduleDraws,
  scheduledTask,
  type TaskSchedule,
  visibleInfo,
  withTask,
} from './task-options.ts';

/**
 * Everything an episode is, as plain data: what the sealed state token carries. Kwargs are the
 * ones the client gave (defaults are merged on use), so tokens stay small.
 */
export interface EpisodeState {
  env: string;
  kwargs: Record<string, unknown>;
  physical: PhysicalState;
  rng: RngState;
  steps: number;
  /** True once the episode terminated or was truncated. */
  done: boolean;
  /** The task in force (envs with a task family); hidden from the client. */
  task?: Task | undefined;
  /** Whether `info.task` reveals the task (`options.reveal_task`). */
  reveal?: boolean | undefined;
  /** True when the client chose the task (`options.task`); absent: the server drew it, hidden. */
  chosen?: boolean | undefined;
  schedule?: TaskSchedule | undefined;
}

/** Arguments of Gymnasium's `reset`, plus the kwargs of `make` and the episode to continue. */
export interface ResetArgs {
  seed?: number | bigint | null | undefined;
  options?: Readonly<Record<string, unknown>> | undefined;
  kwargs?: Readonly<Record<string, unknown>> | undefined;
  /** An earlier episode of the same env: its generator continues when no seed is given. */
  previous?: EpisodeState | undefined;
  /** The caller holds the grader key: hidden tasks may be revealed. */
  privileged?: boolean | undefined;
}

/** Options of {@link stepEpisode}. */
export interface StepOptions {
  /** The caller holds the grader key: a hidden task's info is shown. */
  privileged?: boolean | undefined;
}

/** `reset` output. */
export interface ResetResult {
  observation: SpaceValue;
  info: Record<string, unknown>;
  state: EpisodeState;
}

/** `step` output, Gymnasium's 5-tuple plus the next state. */
export interface StepResult extends ResetResult {
  reward: number;
  terminated: boolean;
  truncated: boolean;
}

/**
 * Whether two kwargs objects make the same env: compared with the env's defaults merged and
 * regardless of key order, so `{}` and the kwargs `make` reports back are the same.
 */
export function sameKwargs(
  defaults: Readonly<Record<string, unknown>>,
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
): boolean {
  const canonical = (k: Readonly<Record<string, unknown>>) => {
    const merged: Record<string, unknown> = { ...defaults, ...k };
    return JSON.stringify(
      Object.keys(merged)
        .sort()
        .map((key) => [key, merged[key]]),
    );
  };
  return canonical(a) === canonical(b);
}

/** Gymnasium's `reset` as a pure function of its arguments (and OS entropy when unseeded). */
export function resetEpisode<P>(def: EnvDefinition<P>, args: ResetArgs): ResetResult {
  const { previous } = args;
  let kwargs = args.kwargs ?? {};
  if (previous) {
    if (args.kwargs && !sameKwargs(def.defaultKwargs, args.kwargs, previous.kwargs)) {
      throw new EnvArgumentError('kwargs', 'kwargs differ from those of the episode given in `state`');
    }
    kwargs = previous.kwargs;
  }
  const { params } = envInstance(def, kwargs);
  const rng =
    args.seed !== undefined && args.seed !== null
      ? Generator.fromSeed(args.seed)
      : previous
        ? Generator.fromState(previous.rng)
        : Generator.fromSeed(null);
  const { task: givenTask, reveal, schedule, envOptions } = parseTaskOptions(def, params, args.options ?? {});
  // A reset that continues an episode (its token, no seed) keeps that episode's task unless it
  // names one: an RL² trial is several episodes of one task.
  const continued = previous && (args.seed === undefined || args.seed === null) ? previous.task : undefined;
  const task = initialTask(def, params, givenTask ?? continued, rng);
  const chosen = givenTask !== undefined || (continued !== undefined && previous?.chosen === true);
  checkReveal(reveal, task !== undefined, chosen, args.privileged === true);
  const taskParams = withTask(def, params, task);
  const physical =
    envOptions.state !== undefined
      ? def.parseState(envOptions.state, taskParams)
      : def.initial(rng, taskParams, envOptions);
  const state: EpisodeState = {
    env: def.id,
    kwargs: { ...kwargs },
    physical,
    rng: rng.getState(),
    steps: 0,
    done: false,
  };
  if (task) Object.assign(state, { task, reveal, schedule, ...(chosen ? { chosen } : {}) });
  return {
    observation: def.observation(physical, taskParams),
    info: reveal && task ? { task } : {},
    state,
  };
}

/** Gymnasium's `step` (with TimeLimit truncation) as a pure function of the episode and the action. */
export function stepEpisode<P, A extends SpaceValue>(
  def: EnvDefinition<P, A>,
  episode: EpisodeState,
  rawAction: unknown,
  options: StepOptions = {},
): StepResult {
  if (episode.done) {
    throw new EpisodeEndedError(`the episode ended after ${episode.steps} steps; reset to start a new one`);
  }
  const { params, actionSpace, maxEpisodeSteps } = envInstance(def, episode.kwargs);
  let action: A;
  try {
    action = actionSpace.parse(rawAction, 'action');
  } catch (err) {
    if (err instanceof SpaceValueError) throw new InvalidActionError(err.message);
    throw err;
  }
  const rng =
    def.stochastic || scheduleDraws(episode.schedule) ? Generator.fromState(episode.rng) : undefined;
  const task = episode.task && scheduledTask(def, params, episode.task, episode.schedule, episode.steps, rng);
  const taskParams = withTask(def, params, task);
  const next = def.transition(episode.physical, action, taskParams, rng);
  const reward = def.reward(episode.physical, action, next, taskParams);
  const terminated = def.terminal(next, taskParams);
  const steps = episode.steps + 1;
  const truncated = maxEpisodeSteps !== undefined && steps >= maxEpisodeSteps;
  const visible = !task || episode.chosen === true || options.privileged === true;
  const info = visibleInfo(def, def.info?.(episode.physical, next, taskParams) ?? {}, visible);
  return {
    observation: def.observation(next, taskParams),
    reward,
    terminated,
    truncated,
    info: episode.reveal && task && visible ? { ...info, task } : info,
    state: {
      env: episode.env,
      kwargs: episode.kwargs,
      physical: next,
      rng: rng ? rng.getState() : episode.rng,
      steps,
      done: terminated || truncated,
      ...(task
        ? {
            task,
            reveal: episode.reveal,
            schedule: episode.schedule,
            ...(episode.chosen ? { chosen: true } : {}),
          }
        : {}),
    },
  };
}
