/**
 * A trained {@link Ensemble} as a {@link RolloutModel}. Built once per set of weights, it folds the
 * input normaliser into each member's first layer (`W' = W / std`, `b' = b - (mean / std) W`: one
 * kernel fewer per member and step) and keeps the log-variance bounds as plain numbers. Each step
 * uploads the rows of each member, runs its layers as 2-D fused matMuls (the XNNPACK path on wasm,
 * see docs/tensor-backends.md) and samples the predicted Gaussian in JavaScript, where a few
 * thousand rows of width `2 d` cost less than the tensor kernels' launch overhead.
 * @module
 */
import type { Ensemble } from '../models/ensemble.ts';
import {
  actionRowWidth,
  type DynamicsLayout,
  encodeInputs,
  inputDim,
  outputDim,
  rewardColumn,
  terminationColumn,
} from '../models/layout.ts';
import { disposeMember, prepareMember, runMember } from './member-kernels.ts';
import type { ModelStepInput, ModelStepOutput, RolloutModel } from './rollout-model.ts';

function softplus(x: number): number {
  return x > 20 ? x : Math.log1p(Math.exp(x));
}

/** Options of {@link ensembleRolloutModel}. */
export interface EnsembleRolloutOptions {
  /** Members particles use (default: the ensemble's elites). */
  members?: readonly number[];
  /** Sample the predicted Gaussian (default true); false propagates each member's mean. */
  sample?: boolean;
}

/**
 * The ensemble as a rollout model over `layout`. The weights are copied (normaliser folded in): a
 * later training step does not change this model; build a new one. Dispose it when done.
 */
export function ensembleRolloutModel(
  ensemble: Ensemble,
  layout: DynamicsLayout,
  options: EnsembleRolloutOptions = {},
): RolloutModel {
  const { tf, config } = ensemble;
  if (config.inputDim !== inputDim(layout) || config.outputDim !== outputDim(layout)) {
    throw new RangeError(
      `ensemble ${config.inputDim} -> ${config.outputDim} does not fit the layout ` +
        `${inputDim(layout)} -> ${outputDim(layout)}`,
    );
  }
  const which = [...(options.members ?? ensemble.elites)];
  const sample = options.sample ?? true;
  const prepared = which.map((m) => prepareMember(tf, ensemble, m));
  // Members predict standardised targets: back to target units here (mean * std + mean0; the
  // log-variance shifted by 2 log std), on a few numbers per row rather than in more kernels.
  const targetMean = ensemble.params.outputMean.dataSync() as Float32Array;
  const targetStd = ensemble.params.outputStd.dataSync() as Float32Array;
  const logVarShift = Float32Array.from(targetStd, (s) => 2 * Math.log(s));
  const d = layout.obsDim;
  const inW = inputDim(layout);
  const outD = outputDim(layout);
  const outW = config.deterministic ? outD : 2 * outD;
  const rc = rewardColumn(layout);
  const tc = terminationColumn(layout);
  let disposed = false;

  /** Raw outputs of member `k` for `rows` input rows. */
  const run = (k: number, inputs: Float32Array, rows: number) => runMember(tf, prepared[k]!, inputs, rows);

  /** Output `j` of a raw row in target units. */
  const meanOf = (raw: Float32Array, r: number, j: number) =>
    raw[r * outW + j]! * targetStd[j]! + targetMean[j]!;

  /** Mean (and, when sampling, a draw) of output `j` of a raw row, in target units. */
  const draw = (k: number, raw: Float32Array, r: number, j: number, input: ModelStepInput): number => {
    const mean = meanOf(raw, r, j);
    if (config.deterministic || !sample) return mean;
    const { maxLogvar, minLogvar } = prepared[k]!;
    let lv = maxLogvar![j]! - softplus(maxLogvar![j]! - raw[r * outW + outD + j]!);
    lv = minLogvar![j]! + softplus(lv - minLogvar![j]!) + logVarShift[j]!;
    return mean + Math.exp(0.5 * lv) * input.noise.normal();
  };

  return {
    obsDim: d,
    actionDim: actionRowWidth(layout),
    members: which.length,
    predictsReward: rc >= 0,
    predictsTermination: tc >= 0,
    step(input: ModelStepInput): ModelStepOutput {
      if (disposed) throw new Error('ensemble rollout model used after dispose()');
      const { obs, n } = input;
      const inputs = encodeInputs(layout, obs, input.action, n);
      const next = new Float32Array(n * d);
      const reward = rc >= 0 ? new Float32Array(n) : undefined;
      const terminal = tc >= 0 ? new Uint8Array(n) : undefined;
      if (input.member === null) {
        // Expectation: every member predicts every row; average the means.
        const sums = new Float64Array(n * outD);
        for (let k = 0; k < which.length; k++) {
          const raw = run(k, inputs, n);
          for (let r = 0; r < n; r++) for (let j = 0; j < outD; j++) sums[r * outD + j]! += meanOf(raw, r, j);
        }
        const inv = 1 / which.length;
        for (let r = 0; r < n; r++) {
          for (let j = 0; j < d; j++) next[r * d + j] = obs[r * d + j]! + sums[r * outD + j]! * inv;
          if (reward) reward[r] = sums[r * outD + rc]! * inv;
          if (terminal) terminal[r] = sums[r * outD + tc]! * inv > 0.5 ? 1 : 0;
        }
        return { next, ...(reward ? { reward } : {}), ...(terminal ? { terminal } : {}) };
      }
      const groups = groupRows(input.member, n, which.length);
      const buffer = new Float32Array(n * inW);
      for (let k = 0; k < which.length; k++) {
        const rows = groups[k]!;
        if (rows.length === 0) continue;
        for (let i = 0; i < rows.length; i++) {
          buffer.set(inputs.subarray(rows[i]! * inW, (rows[i]! + 1) * inW), i * inW);
        }
        const raw = run(k, buffer.subarray(0, rows.length * inW), rows.length);
        for (let i = 0; i < rows.length; i++) {
          const r = rows[i]!;
          for (let j = 0; j < d; j++) next[r * d + j] = obs[r * d + j]! + draw(k, raw, i, j, input);
          if (reward) reward[r] = draw(k, raw, i, rc, input);
          if (terminal) terminal[r] = meanOf(raw, i, tc) > 0.5 ? 1 : 0;
        }
      }
      return { next, ...(reward ? { reward } : {}), ...(terminal ? { terminal } : {}) };
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const member of prepared) disposeMember(member);
    },
  };
}

/** Row indices per member. */
function groupRows(member: Int32Array, n: number, members: number): Int32Array[] {
  const counts = new Int32Array(members);
  for (let i = 0; i < n; i++) {
    const m = member[i]!;
    if (m < 0 || m >= members) throw new RangeError(`row ${i} is assigned to member ${m} of ${members}`);
    counts[m]!++;
  }
  const groups = Array.from(counts, (c) => new Int32Array(c));
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const m = member[i]!;
    groups[m]![counts[m]!++] = i;
  }
  return groups;
}
