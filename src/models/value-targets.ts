/**
 * Regression targets for a state-value function fitted on logged transitions: TD(lambda) returns
 * (Sutton & Barto 2018, ch. 12) computed backwards along each stretch of consecutive transitions,
 * bootstrapping from the current value estimate of the next observation. A terminated transition
 * has no future; a transition the data does not continue (a reset, a time-limit truncation, posts
 * out of order, the end of the data) bootstraps from its next observation's value.
 * @module
 */
import type { Transitions } from './layout.ts';

/**
 * 1 for each row the data does not continue: the next row does not start from this row's next
 * observation (bit for bit), or it is the last row. Terminated rows are flagged like any other.
 */
export function stretchEnds(t: Pick<Transitions, 'obs' | 'nextObs' | 'n'>, obsDim: number): Uint8Array {
  const ends = new Uint8Array(t.n);
  for (let i = 0; i < t.n; i++) {
    if (i === t.n - 1) {
      ends[i] = 1;
      continue;
    }
    for (let j = 0; j < obsDim; j++) {
      if (t.nextObs[i * obsDim + j] !== t.obs[(i + 1) * obsDim + j]) {
        ends[i] = 1;
        break;
      }
    }
  }
  return ends;
}

/** Inputs of {@link lambdaReturns}, one entry per transition. */
export interface LambdaReturnInput {
  reward: Float32Array;
  terminated: Uint8Array;
  /** From {@link stretchEnds}. */
  ends: Uint8Array;
  /** Current value estimate of each transition's next observation. */
  nextValue: Float32Array;
  discount: number;
  lambda: number;
}

/**
 * `G_i = r_i` when terminated; `r_i + discount V(s'_i)` at a stretch end; otherwise
 * `r_i + discount ((1 - lambda) V(s'_i) + lambda G_{i+1})`. lambda 0 is one-step TD, 1 Monte Carlo.
 */
export function lambdaReturns(input: LambdaReturnInput): Float32Array {
  const { reward, terminated, ends, nextValue, discount, lambda } = input;
  const n = reward.length;
  const out = new Float32Array(n);
  let next = 0;
  for (let i = n - 1; i >= 0; i--) {
    let g: number;
    if (terminated[i]) g = reward[i]!;
    else if (ends[i]) g = reward[i]! + discount * nextValue[i]!;
    else g = reward[i]! + discount * ((1 - lambda) * nextValue[i]! + lambda * next);
    out[i] = g;
    next = g;
  }
  return out;
}
