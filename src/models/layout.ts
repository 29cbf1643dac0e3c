/**
 * How a dynamics ensemble's inputs and targets are laid out, and the encoding of transitions into
 * them (mbrl-lib's `OneDTransitionRewardModel`): inputs `[obs, action]` with a Discrete action
 * one-hot encoded; targets `[next_obs - obs, reward?, terminated?]`, the delta-state target of
 * PETS, with the reward and the termination flag appended when the model must learn them (envs
 * whose reward or termination we do not know, e.g. an external simulator).
 * @module
 */
import type { Transitions } from '../experience/columns.ts';
import type { Dataset } from './train.ts';

/** The action as the model sees it. */
export type ActionEncoding = { kind: 'box'; dim: number } | { kind: 'discrete'; n: number };

/** Inputs and targets of a dynamics model. Plain JSON (stored with the agent). */
export interface DynamicsLayout {
  obsDim: number;
  action: ActionEncoding;
  /** Targets carry the reward after the state change. */
  learnedReward: boolean;
  /** Targets carry `terminated` (0/1) last; predicted terminal when the mean exceeds 0.5. */
  learnedTermination: boolean;
}

/** Width of an action row as planners and transitions hold it (Discrete: one column, the index). */
export function actionRowWidth(layout: DynamicsLayout): number {
  return layout.action.kind === 'box' ? layout.action.dim : 1;
}

/** Width of the action part of the model input. */
export function actionInputWidth(layout: DynamicsLayout): number {
  return layout.action.kind === 'box' ? layout.action.dim : layout.action.n;
}

/** The ensemble's `inputDim`. */
export function inputDim(layout: DynamicsLayout): number {
  return layout.obsDim + actionInputWidth(layout);
}

/** The ensemble's `outputDim`. */
export function outputDim(layout: DynamicsLayout): number {
  return layout.obsDim + (layout.learnedReward ? 1 : 0) + (layout.learnedTermination ? 1 : 0);
}

/** Column of the reward in a target row, or -1. */
export function rewardColumn(layout: DynamicsLayout): number {
  return layout.learnedReward ? layout.obsDim : -1;
}

/** Column of the termination flag in a target row, or -1. */
export function terminationColumn(layout: DynamicsLayout): number {
  return layout.learnedTermination ? outputDim(layout) - 1 : -1;
}

/**
 * Writes model input rows for `n` (observation, action) pairs into `out` (`[n, inputDim]`).
 * Throws a RangeError for a Discrete action that is not an integer in `[0, n)`.
 */
export function encodeInputs(
  layout: DynamicsLayout,
  obs: Float32Array,
  action: Float32Array,
  n: number,
  out: Float32Array = new Float32Array(n * inputDim(layout)),
): Float32Array {
  const d = layout.obsDim;
  const width = inputDim(layout);
  if (layout.action.kind === 'box') {
    const a = layout.action.dim;
    for (let i = 0; i < n; i++) {
      const row = i * width;
      for (let j = 0; j < d; j++) out[row + j] = obs[i * d + j]!;
      for (let j = 0; j < a; j++) out[row + d + j] = action[i * a + j]!;
    }
    return out;
  }
  const k = layout.action.n;
  for (let i = 0; i < n; i++) {
    const row = i * width;
    for (let j = 0; j < d; j++) out[row + j] = obs[i * d + j]!;
    out.fill(0, row + d, row + width);
    const index = action[i]!;
    if (!Number.isInteger(index) || index < 0 || index >= k) {
      throw new RangeError(`discrete action ${index} is not an integer in [0, ${k})`);
    }
    out[row + d + index] = 1;
  }
  return out;
}

/** Transitions live in the experience layer; re-exported for the code that imports them from here. */
export type { Transitions };

/** The training set of a dynamics model from transitions. */
export function transitionsToDataset(layout: DynamicsLayout, t: Transitions): Dataset {
  const d = layout.obsDim;
  const outW = outputDim(layout);
  const rc = rewardColumn(layout);
  const tc = terminationColumn(layout);
  const targets = new Float32Array(t.n * outW);
  for (let i = 0; i < t.n; i++) {
    for (let j = 0; j < d; j++) targets[i * outW + j] = t.nextObs[i * d + j]! - t.obs[i * d + j]!;
    if (rc >= 0) targets[i * outW + rc] = t.reward[i]!;
    if (tc >= 0) targets[i * outW + tc] = t.terminated[i]!;
  }
  return { inputs: encodeInputs(layout, t.obs, t.action, t.n), targets, n: t.n };
}
