/**
 * Training of a {@link Ensemble}: Gaussian NLL (or MSE for deterministic members) with PETS's
 * log-variance bound penalty, Adam on minibatches, bootstrap resampling per member, a holdout split
 * scored per member, best-epoch snapshots per member and elite selection. Every random choice
 * (holdout split, bootstraps, batch order) comes from one numpy-compatible generator, so a seed
 * reproduces the run on a given backend.
 * @module
 */
import type * as Tf from '@tensorflow/tfjs';
import { Generator } from '../rng/generator.ts';
import { createAdam, type GradientStep } from './adam.ts';
import {
  type Ensemble,
  type EnsembleOutput,
  type EnsembleParams,
  MIN_STD,
  memberTensors,
} from './ensemble.ts';

/** Training pairs, row-major: `inputs` `[n, inputDim]`, `targets` `[n, outputDim]`. */
export interface Dataset {
  inputs: Float32Array;
  targets: Float32Array;
  n: number;
}

/** Options of {@link trainEnsemble}. */
export interface TrainOptions {
  /** Passes over each member's (bootstrapped) training set. */
  epochs: number;
  /** Minibatch rows per member (default 32, mbrl-lib's PETS default). */
  batchSize?: number;
  /** Adam step size (default 1e-3). */
  learningRate?: number;
  /**
   * Continue with this optimiser instead of a fresh Adam (`learningRate` is then unused): its
   * moments carry over between fits, as mbrl-lib keeps one optimiser across MBPO's refits. It must
   * only ever have stepped this ensemble's `trainableVariables()`; the caller keeps and disposes it.
   */
  optimizer?: GradientStep;
  /** Fraction of the data held out for validation (default 0.1; 0 validates on the training set). */
  holdoutRatio?: number;
  /** Resample each member's training set with replacement (default true). */
  bootstrap?: boolean;
  /** Members kept as elites, by validation MSE (default: all). */
  numElites?: number;
  /** Weight of the log-variance bound penalty `sum(max) - sum(min)` (default 0.01, PETS). */
  logvarPenalty?: number;
  /**
   * Restore each member to its epoch of lowest validation MSE at the end (mbrl-lib's
   * `keep_best`; default true). Improvements under 1% relative do not count.
   */
  keepBest?: boolean;
  /** Stop when no member improved for this many epochs (default: never). */
  patience?: number;
  /** Seed of holdout split, bootstraps and batch order (default 0). */
  seed?: number;
  /** Called after each epoch. */
  onEpoch?(stats: EpochStats): void;
}

/** One epoch's numbers. */
export interface EpochStats {
  epoch: number;
  /** Mean over batches of the per-member training loss (NLL or MSE, without the bound penalty). */
  trainLoss: number;
  /** Validation MSE of each member's mean. */
  valMse: number[];
  /** Validation Gaussian NLL of each member (probabilistic ensembles only). */
  valNll?: number[];
  /** Wall time of the epoch's training steps (validation excluded). */
  trainMs: number;
}

/** The result of {@link trainEnsemble}. */
export interface TrainResult {
  epochs: EpochStats[];
  /** Validation MSE of each member as kept (its best epoch with keepBest, else the last). */
  valMse: number[];
  /** Elite member indices, lowest validation MSE first (also stored on the ensemble). */
  elites: number[];
  /** Rows used for training / validation. */
  trainRows: number;
  holdoutRows: number;
  /** Dataset row indices of the holdout (the training rows when there is no holdout). */
  validationIndices: Int32Array;
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Per-member losses of `out` against `targets` (one `[N, D]` per member): Gaussian NLL in nats per
 * target dimension, `0.5 ((mu - y)^2 exp(-lv) + lv + log 2 pi)` averaged over rows and dimensions, or
 * the MSE when there is no log-variance. Pure (no tidy): usable inside gradients.
 */
export function memberLosses(
  tf: typeof Tf,
  out: EnsembleOutput,
  targets: readonly Tf.Tensor2D[],
): Tf.Scalar[] {
  return out.means.map((mu, k) => {
    const sq = tf.squaredDifference(mu, targets[k]!);
    const lv = out.logvars?.[k];
    if (lv === undefined) return tf.mean(sq);
    return tf.add(
      tf.mul(0.5, tf.mean(tf.add(tf.mul(sq, tf.exp(tf.neg(lv))), lv))),
      HALF_LOG_2PI,
    ) as Tf.Scalar;
  });
}

/** PETS's penalty on the learned bounds: `sum over members of sum(maxLogvar) - sum(minLogvar)`. */
export function logvarBoundPenalty(
  tf: typeof Tf,
  params: EnsembleParams,
  members?: readonly number[],
): Tf.Scalar {
  const which = members ?? params.members.map((_, i) => i);
  let total: Tf.Scalar = tf.scalar(0);
  for (const m of which) {
    const member = params.members[m]!;
    if (member.maxLogvar && member.minLogvar) {
      total = tf.add(total, tf.sub(tf.sum(member.maxLogvar), tf.sum(member.minLogvar)));
    }
  }
  return total;
}

/** Fisher-Yates shuffle in place with numpy-compatible draws. */
function shuffle(rng: Generator, a: Int32Array): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.integers(0, i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

function gatherRows(
  src: Float32Array,
  width: number,
  rows: Int32Array,
  from: number,
  to: number,
): Float32Array {
  const out = new Float32Array((to - from) * width);
  for (let r = from; r < to; r++) {
    const s = rows[r]! * width;
    out.set(src.subarray(s, s + width), (r - from) * width);
  }
  return out;
}

/** Mean and standard deviation (population variance, floored at {@link MIN_STD}) of columns. */
function columnStats(
  values: Float32Array,
  width: number,
  rows: Int32Array,
): { mean: Float32Array; std: Float32Array } {
  const mean = new Float64Array(width);
  const sq = new Float64Array(width);
  for (const r of rows) {
    for (let j = 0; j < width; j++) mean[j]! += values[r * width + j]!;
  }
  for (let j = 0; j < width; j++) mean[j]! /= rows.length;
  for (const r of rows) {
    for (let j = 0; j < width; j++) {
      const e = values[r * width + j]! - mean[j]!;
      sq[j]! += e * e;
    }
  }
  return {
    mean: Float32Array.from(mean),
    std: Float32Array.from(sq, (s) => Math.max(Math.sqrt(s / rows.length), MIN_STD)),
  };
}

/** Fits the input and target normalisers on the given rows; returns the target statistics. */
function fitNormalisers(
  ensemble: Ensemble,
  data: Dataset,
  rows: Int32Array,
): { mean: Float32Array; std: Float32Array } {
  const { tf, config, params } = ensemble;
  const input = columnStats(data.inputs, config.inputDim, rows);
  const output = columnStats(data.targets, config.outputDim, rows);
  tf.tidy(() => {
    (params.inputMean as Tf.Variable).assign(tf.tensor2d(input.mean, [1, config.inputDim]));
    (params.inputStd as Tf.Variable).assign(tf.tensor2d(input.std, [1, config.inputDim]));
    (params.outputMean as Tf.Variable).assign(tf.tensor2d(output.mean, [1, config.outputDim]));
    (params.outputStd as Tf.Variable).assign(tf.tensor2d(output.std, [1, config.outputDim]));
  });
  return output;
}

/** Validation MSE (and NLL) per member on the given rows, in chunks, read back. */
function evaluate(ensemble: Ensemble, data: Dataset, rows: Int32Array): { mse: number[]; nll?: number[] } {
  const { tf, config, params } = ensemble;
  const e = config.ensembleSize;
  const mse = new Array<number>(e).fill(0);
  const nll = new Array<number>(e).fill(0);
  const chunk = 4096;
  for (let from = 0; from < rows.length; from += chunk) {
    const to = Math.min(rows.length, from + chunk);
    const values = tf.tidy(() => {
      const x = tf.tensor2d(gatherRows(data.inputs, config.inputDim, rows, from, to), [
        to - from,
        config.inputDim,
      ]);
      const y = tf.tensor2d(gatherRows(data.targets, config.outputDim, rows, from, to), [
        to - from,
        config.outputDim,
      ]);
      const out = ensemble.forward(params, x);
      const ys = out.means.map(() => y);
      const m = memberLosses(tf, { means: out.means }, ys);
      const l = out.logvars ? memberLosses(tf, out, ys) : [];
      return tf.stack([...m, ...l]);
    });
    const v = values.dataSync();
    values.dispose();
    for (let k = 0; k < e; k++) {
      mse[k]! += v[k]! * (to - from);
      if (!config.deterministic) nll[k]! += v[e + k]! * (to - from);
    }
  }
  const avg = (a: number[]) => a.map((s) => s / rows.length);
  return config.deterministic ? { mse: avg(mse) } : { mse: avg(mse), nll: avg(nll) };
}

/**
 * Trains the ensemble in place and sets its elites. Loss per step: the sum over members of each
 * member's mean loss on its own minibatch, plus `logvarPenalty * (sum max - sum min)` (PETS /
 * mbrl-lib), on standardised targets. Input and target normalisers fitted on the training split first. Runs synchronously between epochs'
 * callbacks (wasm/cpu are synchronous anyway); every step runs inside `tf.tidy`.
 */
export function trainEnsemble(ensemble: Ensemble, data: Dataset, options: TrainOptions): TrainResult {
  const { tf, config, params } = ensemble;
  const e = config.ensembleSize;
  const inDim = config.inputDim;
  const outDim = config.outputDim;
  if (data.inputs.length !== data.n * inDim || data.targets.length !== data.n * outDim) {
    throw new RangeError(`dataset: expected ${data.n}x${inDim} inputs and ${data.n}x${outDim} targets`);
  }
  if (!Number.isInteger(options.epochs) || options.epochs < 0)
    throw new RangeError('epochs must be a non-negative integer');
  const batchSize = options.batchSize ?? 32;
  const holdoutRatio = options.holdoutRatio ?? 0.1;
  const numElites = options.numElites ?? e;
  const penaltyWeight = options.logvarPenalty ?? 0.01;
  const keepBest = options.keepBest ?? true;
  if (!Number.isInteger(numElites) || numElites < 1 || numElites > e) {
    throw new RangeError(`numElites must be an integer in [1, ${e}]`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError('batchSize must be a positive integer');
  if (!(holdoutRatio >= 0 && holdoutRatio < 1)) throw new RangeError('holdoutRatio must be in [0, 1)');
  // A NaN target would silently poison every member's weights.
  if (!data.inputs.every(Number.isFinite) || !data.targets.every(Number.isFinite)) {
    throw new RangeError('dataset contains non-finite values');
  }
  const rng = Generator.fromSeed(options.seed ?? 0);

  const all = Int32Array.from({ length: data.n }, (_, i) => i);
  shuffle(rng, all);
  const holdoutRows = Math.floor(data.n * holdoutRatio);
  const valRows = holdoutRows > 0 ? all.subarray(0, holdoutRows) : all;
  const trainRows = all.subarray(holdoutRows);
  const nTrain = trainRows.length;
  if (nTrain < 1) throw new RangeError('no training rows left after the holdout split');
  const targetStats = fitNormalisers(ensemble, data, trainRows);

  const memberRows = Array.from({ length: e }, () => {
    if (options.bootstrap === false) return Int32Array.from(trainRows);
    return Int32Array.from({ length: nTrain }, () => trainRows[rng.integers(0, nTrain)]!);
  });

  const vars = ensemble.trainableVariables();
  // Our Adam, whose moments can be saved, makes the same updates as tf.train.adam (tested bit for bit).
  const ownOptimizer = options.optimizer
    ? undefined
    : createAdam(tf, { learningRate: options.learningRate ?? 1e-3 });
  const optimizer: GradientStep = options.optimizer ?? ownOptimizer!;
  const epochs: EpochStats[] = [];
  const initial = evaluate(ensemble, data, valRows);
  const best = [...initial.mse];
  let snapshots: Array<Tf.Tensor[] | undefined> = new Array(e).fill(undefined);
  let sinceImproved = 0;
  const restored = new Array<boolean>(e).fill(false);
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const start = performance.now();
      for (const rows of memberRows) shuffle(rng, rows);
      let lossSum = tf.scalar(0);
      let batches = 0;
      for (let from = 0; from < nTrain; from += batchSize) {
        const to = Math.min(nTrain, from + batchSize);
        const xs = memberRows.map((rows) => gatherRows(data.inputs, inDim, rows, from, to));
        const ys = memberRows.map((rows) => {
          // Standardised targets: the members fit them, every column on the same footing.
          const y = gatherRows(data.targets, outDim, rows, from, to);
          for (let i = 0; i < y.length; i++) {
            const j = i % outDim;
            y[i] = (y[i]! - targetStats.mean[j]!) / targetStats.std[j]!;
          }
          return y;
        });
        const next = tf.tidy(() => {
          const xT = xs.map((x) => tf.tensor2d(x, [to - from, inDim]));
          const yT = ys.map((y) => tf.tensor2d(y, [to - from, outDim]));
          let dataLoss: Tf.Scalar | undefined;
          // What optimizer.minimize(f, false, vars) does: variableGrads, then one update.
          const { grads } = tf.variableGrads(() => {
            const losses = memberLosses(tf, ensemble.forward(params, xT, { normalized: true }), yT);
            // Kept past variableGrads' own scope for the epoch's loss sum; disposed below.
            dataLoss = tf.keep(tf.addN(losses) as Tf.Scalar);
            // The returned loss is variableGrads' to keep; dataLoss must outlive it.
            if (config.deterministic || penaltyWeight === 0) return tf.clone(dataLoss);
            return tf.add(dataLoss, tf.mul(penaltyWeight, logvarBoundPenalty(tf, params))) as Tf.Scalar;
          }, vars);
          optimizer.step(vars, grads);
          const sum = tf.add(lossSum, dataLoss!) as Tf.Scalar;
          dataLoss!.dispose();
          return sum;
        });
        lossSum.dispose();
        lossSum = next;
        batches++;
      }
      const trainMs = performance.now() - start;
      const trainLoss = lossSum.dataSync()[0]! / batches / e;
      lossSum.dispose();
      const val = evaluate(ensemble, data, valRows);
      const stats: EpochStats = { epoch, trainLoss, valMse: val.mse, trainMs };
      if (val.nll) stats.valNll = val.nll;
      epochs.push(stats);
      let improved = false;
      for (let m = 0; m < e; m++) {
        const v = val.mse[m]!;
        if ((best[m]! - v) / Math.abs(best[m]!) > 0.01 || !Number.isFinite(best[m]!)) {
          best[m] = v;
          improved = true;
          if (keepBest) {
            for (const t of snapshots[m] ?? []) t.dispose();
            snapshots[m] = memberTensors(params.members[m]!).map(([, t]) => tf.keep(t.clone()));
          }
        }
      }
      if (!keepBest) for (let m = 0; m < e; m++) best[m] = val.mse[m]!;
      options.onEpoch?.(stats);
      sinceImproved = improved ? 0 : sinceImproved + 1;
      if (options.patience !== undefined && sinceImproved >= options.patience) break;
    }
    if (keepBest) {
      snapshots.forEach((snap, m) => {
        if (snap === undefined) return;
        restored[m] = true;
        memberTensors(params.members[m]!).forEach(([, t], i) => {
          (t as Tf.Variable).assign(snap[i]!);
        });
      });
    }
  } finally {
    for (const snap of snapshots) for (const t of snap ?? []) t.dispose();
    snapshots = [];
    ownOptimizer?.dispose();
  }
  const last = epochs.at(-1)?.valMse ?? initial.mse;
  // A member that never beat its initial score keeps its last weights, so it reports their score.
  const finalMse = keepBest ? best.map((v, m) => (restored[m] ? v : last[m]!)) : last;
  const elites = finalMse
    .map((v, m) => [v, m] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .slice(0, numElites)
    .map(([, m]) => m);
  ensemble.elites = elites;
  return {
    epochs,
    valMse: [...finalMse],
    elites,
    trainRows: nTrain,
    holdoutRows,
    validationIndices: Int32Array.from(valRows),
  };
}
