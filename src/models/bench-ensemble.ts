/**
 * How fast an ensemble's forward pass runs on the active backend: the per-member loop of 2-D
 * matMuls that {@link Ensemble.forward} uses, against the same network as batched 3-D matMuls over
 * stacked weights (stacked once, outside the timing), plus an input gradient through the loop.
 * @module
 */
import type * as Tf from '@tensorflow/tfjs';
import { createEnsemble } from './ensemble.ts';

/** Options of {@link benchEnsembleForward}. */
export interface EnsembleBenchOptions {
  ensembleSize: number;
  hiddenSizes: number[];
  inputDim: number;
  outputDim: number;
  /** Rows per member per call. */
  rows: number;
  /** Time each variant for at least this long (default 1 s), and at least 3 calls. */
  minSeconds?: number;
}

/** One variant: mean wall time per call (result read back) and member-rows per second. */
export interface EnsembleTiming {
  reps: number;
  msPerCall: number;
  rowsPerSecond: number;
}

/** The result of {@link benchEnsembleForward}. */
export interface EnsembleBenchResult {
  backend: string;
  /** `Ensemble.forward`: a loop of per-member 2-D matMuls. */
  loop: EnsembleTiming;
  /** The same layers as 3-D matMuls `[E, N, D] x [E, D, H]`. */
  batched: EnsembleTiming;
  /** Gradient of the summed means w.r.t. the inputs, through `Ensemble.forward`. */
  inputGradient: EnsembleTiming;
}

async function time(fn: () => Tf.Tensor, memberRows: number, minMs: number): Promise<EnsembleTiming> {
  for (let i = 0; i < 2; i++) {
    const out = fn();
    await out.data();
    out.dispose();
  }
  const start = performance.now();
  let reps = 0;
  while (reps < 3 || performance.now() - start < minMs) {
    const out = fn();
    await out.data();
    out.dispose();
    reps++;
  }
  const msPerCall = (performance.now() - start) / reps;
  return { reps, msPerCall, rowsPerSecond: (memberRows / msPerCall) * 1000 };
}

/** Builds a random ensemble and times its forward pass three ways. Leaves no tensors behind. */
export async function benchEnsembleForward(options: EnsembleBenchOptions): Promise<EnsembleBenchResult> {
  const { ensembleSize: e, rows } = options;
  const ens = await createEnsemble(options, { seed: 0 });
  const { tf, params } = ens;
  const minMs = (options.minSeconds ?? 1) * 1000;
  const x = tf.randomUniform([rows, options.inputDim], -1, 1, 'float32', 1) as Tf.Tensor2D;
  const depth = params.members[0]!.layers.length;
  const w3 = Array.from({ length: depth }, (_, l) => tf.stack(params.members.map((m) => m.layers[l]!.w)));
  const b3 = Array.from({ length: depth }, (_, l) =>
    tf.tidy(() => tf.stack(params.members.map((m) => tf.expandDims(m.layers[l]!.b, 0)))),
  );
  try {
    const loop = await time(() => tf.tidy(() => tf.stack(ens.forward(params, x).means)), e * rows, minMs);
    const batched = await time(
      () =>
        tf.tidy(() => {
          const xn = tf.div(tf.sub(x, params.inputMean), params.inputStd);
          let h: Tf.Tensor = tf.tile(tf.expandDims(xn, 0), [e, 1, 1]);
          w3.forEach((w, l) => {
            const z = tf.add(tf.matMul(h, w), b3[l]!);
            h = l === depth - 1 ? z : tf.mul(z, tf.sigmoid(z));
          });
          return h;
        }),
      e * rows,
      minMs,
    );
    const inputGradient = await time(
      () =>
        tf.tidy(() =>
          tf.grad((v: Tf.Tensor) =>
            tf.addN(ens.forward(params, v as Tf.Tensor2D).means.map((m) => tf.sum(m))),
          )(x),
        ),
      e * rows,
      minMs,
    );
    return { backend: tf.getBackend(), loop, batched, inputGradient };
  } finally {
    for (const t of [x, ...w3, ...b3]) t.dispose();
    ens.dispose();
  }
}
