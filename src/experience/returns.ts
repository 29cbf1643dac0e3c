/**
 * Returns of logged transitions, computed backwards along each stretch (see boundaries.ts):
 * TD(lambda) returns (Sutton & Barto 2018, ch. 12), the regression targets of a state-value
 * function, and generalised advantage estimates (Schulman et al. 2016) for policy gradients. A
 * terminated row has no future; a row that ends its stretch without terminating (a time limit,
 * a reset, the end of the data) bootstraps from its next observation's value.
 * @module
 */

/** Inputs of {@link lambdaReturns}, one entry per transition. */
export interface LambdaReturnInput {
  reward: Float32Array;
  terminated: Uint8Array;
  /** From `episodeEnds` (or `stretchEnds`). */
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

/** Inputs of {@link gae}: {@link LambdaReturnInput} plus the value of each row's own observation. */
export interface GaeInput extends LambdaReturnInput {
  /** Value estimate of each transition's observation. */
  value: Float32Array;
}

/** Output of {@link gae}. */
export interface GaeResult {
  advantages: Float32Array;
  /** `advantages + value`: the critic's regression targets (the TD(lambda) returns of `V`). */
  returns: Float32Array;
}

/**
 * `delta_i = r_i + discount V(s'_i) [not terminated] - V(s_i)`,
 * `A_i = delta_i + discount lambda A_{i+1}` within a stretch, `A_i = delta_i` at its end. The
 * bootstrap `V(s'_i)` is the next observation's own value, so a time-limit truncation bootstraps
 * from the state the episode stopped in, not from the reset that follows.
 */
export function gae(input: GaeInput): GaeResult {
  const { reward, terminated, ends, value, nextValue, discount, lambda } = input;
  const n = reward.length;
  const advantages = new Float32Array(n);
  const returns = new Float32Array(n);
  let next = 0;
  for (let i = n - 1; i >= 0; i--) {
    const bootstrap = terminated[i] ? 0 : discount * nextValue[i]!;
    const delta = reward[i]! + bootstrap - value[i]!;
    const a = terminated[i] || ends[i] ? delta : delta + discount * lambda * next;
    advantages[i] = a;
    returns[i] = a + value[i]!;
    next = a;
  }
  return { advantages, returns };
}
