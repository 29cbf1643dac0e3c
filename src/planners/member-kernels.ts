/**
 * One ensemble member prepared for inference outside training: its layers copied with the input
 * normaliser folded into the first one (`W' = W / std`, `b' = b - (mean / std) W`: one kernel fewer
 * per call), run through the member's MLP forward (`models/mlp.ts`: 2-D fused matMuls with SiLU
 * between them, the XNNPACK path on wasm, see docs/tensor-backends.md). Shared by the dynamics
 * rollout model and the terminal value.
 * @module
 */
import type * as Tf from '@tensorflow/tfjs';
import { inferenceDenseFor } from '../models/dense.ts';
import { type Ensemble, MEMBER_ACTIVATIONS } from '../models/ensemble.ts';
import { mlpForward } from '../models/mlp.ts';
import type { TfModule } from '../tensor/backend.ts';

/** A member's inference copy; its log-variance bounds (probabilistic members) as plain numbers. */
export interface PreparedMember {
  layers: Array<{ w: Tf.Tensor2D; b: Tf.Tensor1D }>;
  maxLogvar?: Float32Array;
  minLogvar?: Float32Array;
}

/** Copies member `m`'s layers with the input normaliser folded into the first one. */
export function prepareMember(tf: TfModule, ensemble: Ensemble, m: number): PreparedMember {
  const member = ensemble.params.members[m];
  if (member === undefined) throw new RangeError(`the ensemble has no member ${m}`);
  const { inputMean, inputStd } = ensemble.params;
  const layers = member.layers.map((layer, l) =>
    tf.tidy(() => {
      if (l > 0) return { w: tf.clone(layer.w), b: tf.clone(layer.b) };
      // x_n = (x - mean) / std  =>  x_n W + b = x (W / std^T) + (b - (mean / std) W)
      const invStd = tf.reciprocal(inputStd);
      const w = tf.mul(layer.w, tf.transpose(invStd)) as Tf.Tensor2D;
      const b = tf.sub(
        layer.b,
        tf.reshape(tf.matMul(tf.mul(inputMean, invStd), layer.w), [-1]),
      ) as Tf.Tensor1D;
      return { w, b };
    }),
  );
  const prepared: PreparedMember = { layers };
  if (member.maxLogvar && member.minLogvar) {
    prepared.maxLogvar = member.maxLogvar.dataSync() as Float32Array;
    prepared.minLogvar = member.minLogvar.dataSync() as Float32Array;
  }
  return prepared;
}

/** The member's raw outputs (standardised units) for `rows` input rows `[rows, inputDim]`. */
export function runMember(
  tf: TfModule,
  member: PreparedMember,
  inputs: Float32Array,
  rows: number,
): Float32Array {
  const inW = member.layers[0]!.w.shape[0];
  // The member's own MLP on the bare kernel: no gradient is taken here, so none is recorded.
  const dense = inferenceDenseFor(tf);
  const out = tf.tidy(() =>
    mlpForward(tf, member, tf.tensor2d(inputs, [rows, inW]), MEMBER_ACTIVATIONS, dense),
  );
  try {
    return out.dataSync() as Float32Array;
  } finally {
    out.dispose();
  }
}

/** Frees a prepared member's tensors. */
export function disposeMember(member: PreparedMember): void {
  for (const layer of member.layers) {
    layer.w.dispose();
    layer.b.dispose();
  }
}
