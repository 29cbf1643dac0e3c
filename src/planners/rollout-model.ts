/**
 * What planners roll out: a one-step model in observation space, over a batch of rows. A learned
 * ensemble ({@link ./ensemble-model.ts}) and an env's own simulator ({@link ./env-model.ts}) both
 * implement it, so every planner can be checked against the true dynamics before it is trusted
 * with a learned model.
 * @module
 */
import type { FastNormal } from './fast-normal.ts';

/**
 * How particles use the ensemble's members (PETS, Chua et al. 2018; mbrl-lib's names in brackets):
 * - `ts1` (random_model): each particle draws a member again at every step;
 * - `tsinf` (fixed_model): each particle keeps one member for the whole horizon;
 * - `expectation`: every member predicts every row, the means are averaged, no sampling.
 */
export type Propagation = 'ts1' | 'tsinf' | 'expectation';

/** Propagation methods, for validation and docs. */
export const PROPAGATIONS: readonly Propagation[] = ['ts1', 'tsinf', 'expectation'];

/** One batched step's input. Arrays are row-major. */
export interface ModelStepInput {
  /** `[n, obsDim]`. */
  obs: Float32Array;
  /** `[n, actionDim]` as planners hold actions (a Discrete action is one column holding its index). */
  action: Float32Array;
  n: number;
  /** Member of each row (`[n]`, values in `[0, members)`), or null for the expectation over members. */
  member: Int32Array | null;
  /** Noise for sampling the predicted distribution. */
  noise: FastNormal;
}

/** One batched step's prediction. */
export interface ModelStepOutput {
  /** `[n, obsDim]`. */
  next: Float32Array;
  /** `[n]`, when the model predicts rewards. */
  reward?: Float32Array;
  /** `[n]` 0/1, when the model predicts termination. */
  terminal?: Uint8Array;
}

/** A batched one-step model in observation space. */
export interface RolloutModel {
  readonly obsDim: number;
  /** Width of an action row as planners hold it (1 for Discrete). */
  readonly actionDim: number;
  /** Members particles can be assigned to (1 for a deterministic simulator). */
  readonly members: number;
  readonly predictsReward: boolean;
  readonly predictsTermination: boolean;
  step(input: ModelStepInput): ModelStepOutput;
  /** Frees what the model holds (tensors); it cannot be used afterwards. */
  dispose(): void;
}
