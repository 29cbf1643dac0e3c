import type { Generator } from '../rng/generator.ts';
import type { Space, SpaceValue } from '../spaces/space.ts';
import type { TaskFamily } from './task.ts';

/** The Gymnasium doc block every env carries (served by `GET /v1/envs/{env_id}`). */
export interface EnvDoc {
  description: string;
  action_space: string;
  observation_space: string;
  rewards: string;
  starting_state: string;
  episode_end: string;
  arguments: string;
  version_history: string;
}

/** Raised by an env for bad kwargs, reset options or `options.state`; mapped to a 422 problem. */
export class EnvArgumentError extends Error {
  override readonly name = 'EnvArgumentError';
  /** @param field dotted path of the offending field, e.g. `options.low` or `kwargs.g`. */
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Physical state as plain numbers (float64 unless the env rounds them), so tokens carry it exactly. */
export type PhysicalState = number[];

/**
 * Batched reward and termination over *observations*, for planners rolling out a learned model.
 * Arrays are row-major: `obs` and `nextObs` are `[n, obsDim]`, `action` is `[n, actDim]`
 * (Discrete actions as one column of integers). Pure; no allocation beyond the result.
 */
export interface BatchedFunctions<P> {
  reward(obs: Float32Array, action: Float32Array, nextObs: Float32Array, n: number, params: P): Float32Array;
  terminal(nextObs: Float32Array, n: number, params: P): Uint8Array;
}

/**
 * A functional environment (DESIGN.md principle 4). Everything is a pure function of its
 * arguments; the stateful reset/step adapter and the HTTP layer are built on top.
 *
 * @typeParam P - validated parameters built from the env's kwargs.
 * @typeParam A - the action's canonical value (see {@link Space.parse}).
 */
export interface EnvDefinition<P = unknown, A extends SpaceValue = SpaceValue> {
  /** Gymnasium id, `[namespace/]Name-vN`. */
  readonly id: string;
  readonly doc: EnvDoc;
  /** Gymnasium's TimeLimit for the default kwargs (the spec field served with the env). */
  readonly maxEpisodeSteps?: number;
  /** The TimeLimit for given parameters, when it depends on kwargs (bit flipping: n steps). */
  maxEpisodeStepsFor?(params: P): number | undefined;
  readonly rewardThreshold?: number;
  /** Default kwargs (what `gymnasium.make(id)` uses), also served as data. */
  readonly defaultKwargs: Readonly<Record<string, unknown>>;
  /** Validates kwargs (unknown keys included) and builds the parameters. Throws {@link EnvArgumentError}. */
  params(kwargs: Readonly<Record<string, unknown>>): P;
  observationSpace(params: P): Space;
  actionSpace(params: P): Space<A>;
  /**
   * Draws the initial physical state exactly as Gymnasium's `reset` draws it.
   * `options` are the reset options (`low`/`high` and the like); `options.state` is handled by
   * the adapter through {@link EnvDefinition.parseState}. Throws {@link EnvArgumentError}.
   */
  initial(rng: Generator, params: P, options: Readonly<Record<string, unknown>>): PhysicalState;
  /**
   * True when `transition` draws from its generator. Only then do the adapters rebuild the
   * episode's generator for a step (rebuilding it costs more than a classic-control step).
   */
  readonly stochastic?: boolean;
  /**
   * One step of the dynamics. `rng` is the episode's generator; it is given exactly when the
   * env declares {@link EnvDefinition.stochastic}.
   */
  transition(state: PhysicalState, action: A, params: P, rng?: Generator): PhysicalState;
  /** Reward of the transition `state --action--> next`. */
  reward(state: PhysicalState, action: A, next: PhysicalState, params: P): number;
  /** Gymnasium's `terminated` for a state. */
  terminal(state: PhysicalState, params: P): boolean;
  /** The observation of a state, with the observation space's dtype. */
  observation(state: PhysicalState, params: P): SpaceValue;
  /** Step info (Gymnasium's `info` dict); `{}` when the env reports nothing. */
  info?(state: PhysicalState, next: PhysicalState, params: P): Record<string, unknown>;
  /**
   * Keys of {@link info} that give the task away (e.g. a dense distance to a hidden goal): left
   * out while the episode's task is hidden from the client (see `task-options.ts`).
   */
  readonly taskInfoKeys?: readonly string[];
  /**
   * Validates a client-given physical state (`options.state`), returning it in the env's
   * storage precision. Throws {@link EnvArgumentError}.
   */
  parseState(value: unknown, params: P): PhysicalState;
  /**
   * The physical state an observation shows, for envs whose observation determines it (angles
   * from their cos/sin, float32 values widened). Lets planners roll out the env's own simulator
   * from observations (MPC with the true model: the baseline a learned model is measured against).
   */
  stateFromObservation?(obs: Float32Array, params: P): PhysicalState;
  /** Batched reward/termination functions for planners. */
  readonly batched: BatchedFunctions<P>;
  /**
   * The env's task distribution, when it has one. Task parameters are applied to `params`
   * (through {@link TaskFamily.apply}) before every other function sees them.
   */
  // biome-ignore lint/suspicious/noExplicitAny: each family has its own task type.
  readonly tasks?: TaskFamily<P, any>;
  /**
   * Goal-conditioned envs (Gymnasium-Robotics `GoalEnv`): the reward of achieved vs desired
   * goals, vectorised over `n` rows (`[n, goalDim]` each, row-major), as `compute_reward`.
   * Its per-step reward must equal this function on the step's achieved and desired goals.
   */
  computeReward?(achieved: Float64Array, desired: Float64Array, n: number, params: P): Float64Array;
}
