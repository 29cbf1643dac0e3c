/**
 * The dense layer kernel every network in `src/models` runs on: `act(x W + b)` as one 2-D
 * `tf.fused.matMul`. On wasm, tfjs-backend-wasm sends only 2-D, untransposed matMuls to XNNPACK
 * (docs/tensor-backends.md), so the layer's gradient is rebuilt here from untransposed matMuls.
 * @module
 */
import type * as Tf from '@tensorflow/tfjs';
import type { TfModule } from '../tensor/backend.ts';

/** What the kernel itself can fuse after the bias: nothing, or a ReLU. */
export type FusedActivation = 'linear' | 'relu';

/** `act(x W + b)`: x `[N, in]`, W `[in, out]`, b `[out]`. Pure: usable under `tf.grad`. */
export type Dense = (
  x: Tf.Tensor2D,
  w: Tf.Tensor2D,
  b: Tf.Tensor1D,
  activation?: FusedActivation,
) => Tf.Tensor2D;

const byModule = new WeakMap<TfModule, Dense>();

/**
 * The dense kernel for `tf`'s active backend. On wasm its gradient is taken with explicit
 * transposes: tfjs's own gradient multiplies by `W^T` / `x^T` through transposed matMuls, which
 * tfjs-backend-wasm keeps off XNNPACK (its slow scalar loop: an input gradient of the 3x200
 * ensemble took ~19x a forward pass); `matMul(dy, transpose(W))` stays on XNNPACK. The gradient is
 * built of ordinary ops, so second-order gradients (through an inner update) still work. Other
 * backends use `tf.fused.matMul` and its own gradient as they are.
 */
export function denseFor(tf: TfModule): Dense {
  if (tf.getBackend() !== 'wasm') return inferenceDenseFor(tf);
  let dense = byModule.get(tf);
  if (dense === undefined) {
    const linear = wasmDense(tf, 'linear');
    const relu = wasmDense(tf, 'relu');
    dense = (x, w, b, activation = 'linear') => (activation === 'relu' ? relu : linear)(x, w, b);
    byModule.set(tf, dense);
  }
  return dense;
}

/**
 * The bare `tf.fused.matMul` (tfjs's own gradient). Same values as {@link denseFor}'s kernel, without
 * the custom gradient's bookkeeping (2-4 µs per call on wasm, next to ~10 µs for a small matMul):
 * for inference outside any gradient, such as the planners' rollouts.
 */
export function inferenceDenseFor(tf: TfModule): Dense {
  return (x, w, b, activation = 'linear') =>
    (activation === 'linear'
      ? tf.fused.matMul({ a: x, b: w, bias: b })
      : tf.fused.matMul({ a: x, b: w, bias: b, activation })) as Tf.Tensor2D;
}

/** The wasm kernel with the XNNPACK-friendly gradient (see {@link denseFor}). */
function wasmDense(tf: TfModule, activation: FusedActivation): Dense {
  const custom = tf.customGrad((...args: Array<Tf.Tensor | Tf.GradSaveFunc>) => {
    const [x, w, b, save] = args as [Tf.Tensor2D, Tf.Tensor2D, Tf.Tensor1D, Tf.GradSaveFunc];
    const y = (
      activation === 'linear'
        ? tf.fused.matMul({ a: x, b: w, bias: b })
        : tf.fused.matMul({ a: x, b: w, bias: b, activation })
    ) as Tf.Tensor2D;
    // The ReLU's derivative is read off its output (y > 0 exactly where the pre-activation is).
    save(activation === 'linear' ? [x, w] : [x, w, y]);
    return {
      value: y,
      gradFunc: (dy: Tf.Tensor2D, saved: Tf.Tensor[]) => {
        const [sx, sw, sy] = saved as [Tf.Tensor2D, Tf.Tensor2D, Tf.Tensor2D | undefined];
        const dz = sy === undefined ? dy : (tf.mul(dy, tf.step(sy)) as Tf.Tensor2D);
        return [tf.matMul(dz, tf.transpose(sw)), tf.matMul(tf.transpose(sx), dz), tf.sum(dz, 0)];
      },
    };
  });
  return (x, w, b) => custom(x, w, b) as Tf.Tensor2D;
}
