/**
 * Polyak (exponential moving) averaging of parameters, the soft target-network update of DDPG
 * and SAC: `target <- tau * source + (1 - tau) * target`, in place on the target's variables.
 * @module
 */
import type * as Tf from '@tensorflow/tfjs';
import type { TfModule } from '../tensor/backend.ts';

/**
 * Moves each `targets[i]` towards `sources[i]` by `tau` in `[0, 1]` (SAC: 0.005). `tau = 1` copies
 * the sources exactly (a hard update), `tau = 0` leaves the targets as they are. Every
 * intermediate tensor is freed. Throws a RangeError for mismatched lists or shapes, or a `tau`
 * outside `[0, 1]`, before changing anything.
 */
export function polyakUpdate(
  tf: TfModule,
  targets: readonly Tf.Variable[],
  sources: readonly Tf.Tensor[],
  tau: number,
): void {
  if (!(tau >= 0 && tau <= 1)) throw new RangeError(`polyak tau must be in [0, 1], got ${tau}`);
  if (targets.length !== sources.length) {
    throw new RangeError(`polyak: ${targets.length} targets for ${sources.length} sources`);
  }
  targets.forEach((t, i) => {
    const s = sources[i]!;
    if (t.shape.length !== s.shape.length || t.shape.some((d, k) => d !== s.shape[k])) {
      throw new RangeError(
        `polyak: target ${i} has shape ${JSON.stringify(t.shape)}, its source ${JSON.stringify(s.shape)}`,
      );
    }
  });
  if (tau === 0) return;
  tf.tidy(() => {
    targets.forEach((t, i) => {
      const s = sources[i]!;
      // tau = 1 assigns the source itself: 1 * s + 0 * t would turn an infinite t into NaN.
      t.assign(tau === 1 ? s : tf.add(tf.mul(s, tau), tf.mul(t, 1 - tau)));
    });
  });
}
