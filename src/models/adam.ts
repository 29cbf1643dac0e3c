/**
 * Adam (Kingma & Ba 2015) with its state in the open: the first and second moments, the step count
 * and the bias-correction powers can be read as plain data, stored (`encodeAdamState`) and put
 * back, so a learning job killed mid-run resumes with the very optimiser it had.
 *
 * The arithmetic is tfjs's `tf.train.adam` (tfjs-core 4.22 `AdamOptimizer.applyGradients`) op for
 * op, with the same scalars, so both give bit-identical parameters for the same gradients; the
 * bias corrections use the same running float32 products `beta^t` rather than `pow`, which
 * rounds differently.
 * @module
 */
import type * as Tf from '@tensorflow/tfjs';
import type { TfModule } from '../tensor/backend.ts';
import {
  decodeArrays,
  type EncodedParams,
  encodeArrays,
  type NamedArray,
  ParamsFormatError,
  type TensorEntry,
} from './params-io.ts';

/** Hyperparameters of {@link createAdam} (tf.train.adam's defaults). */
export interface AdamOptions {
  /** Step size (default 1e-3). */
  learningRate?: number;
  /** Decay of the first moment (default 0.9). */
  beta1?: number;
  /** Decay of the second moment (default 0.999). */
  beta2?: number;
  /** Added to the root of the second moment (default: the backend's epsilon, 1e-7 in float32). */
  epsilon?: number;
}

/**
 * Gradients for {@link Adam.step}: one per parameter, by position (`undefined`: no gradient, the
 * parameter and its moments stay as they are), or `tf.variableGrads`' map by variable name.
 */
export type Gradients = ReadonlyArray<Tf.Tensor | undefined> | Tf.NamedTensorMap;

/** What a training loop needs of an optimiser: one update from gradients. */
export interface GradientStep {
  /** Updates `params` in place from `grads` (see {@link Gradients}); disposes nothing it is given. */
  step(params: readonly Tf.Variable[], grads: Gradients): void;
}

/** Adam's state as plain data (no tensors): what {@link Adam.state} answers and restore takes. */
export interface AdamState {
  /** Updates applied so far. */
  step: number;
  /**
   * `beta1^(step+1)` and `beta2^(step+1)` as the float32 running products the next update's bias
   * correction divides by (exact float32 values; JSON keeps them exactly).
   */
  beta1Power: number;
  beta2Power: number;
  /** First and second moment of each parameter, by position in `step`'s list; empty before the first. */
  m: NamedArray[];
  v: NamedArray[];
}

/** Adam over a fixed list of parameters. */
export interface Adam extends GradientStep {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Updates applied so far. */
  readonly iterations: number;
  /**
   * One Adam update of `params` in place. Moments belong to parameters by position: pass the same
   * list, in the same order, every time (a RangeError if the count or a shape changes).
   */
  step(params: readonly Tf.Variable[], grads: Gradients): void;
  /** The state, read back from the backend. */
  state(): Promise<AdamState>;
  /** Replaces the state (moments, step count, powers) with `state`'s. */
  restore(state: AdamState): void;
  /** Frees the moments and powers. */
  dispose(): void;
}

/** A fresh Adam: no moments until the first step (then zeros, as tfjs's). */
export function createAdam(tf: TfModule, options: AdamOptions = {}): Adam {
  const learningRate = options.learningRate ?? 0.001;
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const epsilon = options.epsilon ?? tf.backend().epsilon();
  for (const [name, v] of [
    ['learningRate', learningRate],
    ['beta1', beta1],
    ['beta2', beta2],
    ['epsilon', epsilon],
  ] as const) {
    if (!Number.isFinite(v)) throw new RangeError(`adam ${name} must be a finite number, got ${v}`);
  }
  if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
    throw new RangeError('adam beta1 and beta2 must be in [0, 1)');
  }
  // tfjs starts the powers at beta (as float32 scalars) and multiplies them by beta after each step.
  let accBeta1 = tf.tidy(() => tf.variable(tf.scalar(beta1), false));
  let accBeta2 = tf.tidy(() => tf.variable(tf.scalar(beta2), false));
  let m: Tf.Variable[] = [];
  let v: Tf.Variable[] = [];
  let iterations = 0;
  let disposed = false;

  const live = () => {
    if (disposed) throw new Error('adam used after dispose()');
  };
  const gradientOf = (grads: Gradients, params: readonly Tf.Variable[], i: number) =>
    Array.isArray(grads)
      ? (grads as ReadonlyArray<Tf.Tensor | undefined>)[i]
      : (grads as Tf.NamedTensorMap)[params[i]!.name];
  const sameShape = (a: readonly number[], b: readonly number[]) =>
    a.length === b.length && a.every((d, i) => d === b[i]);

  return {
    learningRate,
    beta1,
    beta2,
    epsilon,
    get iterations() {
      return iterations;
    },
    step(params, grads) {
      live();
      if (Array.isArray(grads) && grads.length !== params.length) {
        throw new RangeError(`adam: ${grads.length} gradients for ${params.length} parameters`);
      }
      if (m.length === 0) {
        m = params.map((p) => tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
        v = params.map((p) => tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
      } else if (m.length !== params.length) {
        throw new RangeError(`adam holds moments of ${m.length} parameters, got ${params.length}`);
      }
      params.forEach((p, i) => {
        if (!sameShape(p.shape, m[i]!.shape)) {
          throw new RangeError(
            `adam: parameter ${i} has shape ${JSON.stringify(p.shape)}, its moments ${JSON.stringify(m[i]!.shape)}`,
          );
        }
      });
      // The ops and scalars of tfjs's AdamOptimizer.applyGradients, in its order.
      tf.tidy(() => {
        const oneMinusAccBeta1 = tf.sub(1, accBeta1);
        const oneMinusAccBeta2 = tf.sub(1, accBeta2);
        params.forEach((value, i) => {
          const gradient = gradientOf(grads, params, i);
          if (gradient == null) return;
          const firstMoment = m[i]!;
          const secondMoment = v[i]!;
          const newFirstMoment = tf.add(tf.mul(firstMoment, beta1), tf.mul(gradient, 1 - beta1));
          const newSecondMoment = tf.add(tf.mul(secondMoment, beta2), tf.mul(tf.square(gradient), 1 - beta2));
          const biasCorrectedFirstMoment = tf.div(newFirstMoment, oneMinusAccBeta1);
          const biasCorrectedSecondMoment = tf.div(newSecondMoment, oneMinusAccBeta2);
          firstMoment.assign(newFirstMoment);
          secondMoment.assign(newSecondMoment);
          const newValue = tf.add(
            tf.mul(
              tf.div(biasCorrectedFirstMoment, tf.add(tf.sqrt(biasCorrectedSecondMoment), epsilon)),
              -learningRate,
            ),
            value,
          );
          value.assign(newValue);
        });
        accBeta1.assign(tf.mul(accBeta1, beta1));
        accBeta2.assign(tf.mul(accBeta2, beta2));
      });
      iterations++;
    },
    async state() {
      live();
      const read = async (list: Tf.Variable[], tag: string) =>
        Promise.all(
          list.map(async (t, i) => ({
            name: `${tag}/${i}`,
            shape: [...t.shape],
            // A copy: on some backends data() hands out the tensor's own storage.
            values: Float32Array.from((await t.data()) as Float32Array),
          })),
        );
      const [b1, b2] = await Promise.all([accBeta1.data(), accBeta2.data()]);
      return {
        step: iterations,
        beta1Power: b1[0]!,
        beta2Power: b2[0]!,
        m: await read(m, 'm'),
        v: await read(v, 'v'),
      };
    },
    restore(state) {
      live();
      checkState(state);
      const make = (a: NamedArray) =>
        tf.tidy(() => tf.variable(tf.tensor(Float32Array.from(a.values), a.shape), false));
      const nextM = state.m.map(make);
      const nextV = state.v.map(make);
      for (const t of [...m, ...v, accBeta1, accBeta2]) t.dispose();
      m = nextM;
      v = nextV;
      accBeta1 = tf.tidy(() => tf.variable(tf.scalar(state.beta1Power), false));
      accBeta2 = tf.tidy(() => tf.variable(tf.scalar(state.beta2Power), false));
      iterations = state.step;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const t of [...m, ...v, accBeta1, accBeta2]) t.dispose();
      m = [];
      v = [];
    },
  };
}

/** Throws a RangeError unless `state` is self-consistent. */
function checkState(state: AdamState): void {
  if (!Number.isInteger(state.step) || state.step < 0) {
    throw new RangeError(`adam state.step must be a non-negative integer, got ${state.step}`);
  }
  if (!Number.isFinite(state.beta1Power) || !Number.isFinite(state.beta2Power)) {
    throw new RangeError('adam state.beta1Power / beta2Power must be finite');
  }
  if (!Array.isArray(state.m) || !Array.isArray(state.v) || state.m.length !== state.v.length) {
    throw new RangeError('adam state.m and state.v must list the same number of moments');
  }
  state.m.forEach((a, i) => {
    const b = state.v[i]!;
    const size = a.shape.reduce((x, y) => x * y, 1);
    if (
      JSON.stringify(a.shape) !== JSON.stringify(b.shape) ||
      a.values.length !== size ||
      b.values.length !== size
    ) {
      throw new RangeError(`adam state: moment ${i} has inconsistent shapes or sizes`);
    }
  });
}

/** Format tag of {@link AdamManifest}. */
export const ADAM_FORMAT = 'modelgym.adam';
/** Version of the Adam state layout. */
export const ADAM_FORMAT_VERSION = 1;

/** JSON-safe description of stored Adam state; the moments are tensors `m/<i>` and `v/<i>`. */
export interface AdamManifest {
  format: typeof ADAM_FORMAT;
  version: number;
  step: number;
  beta1Power: number;
  beta2Power: number;
  tensors: TensorEntry[];
  byteLength: number;
}

/** Adam state as a manifest and bytes (params-io layout: all first moments, then all second). */
export function encodeAdamState(state: AdamState): { manifest: AdamManifest; bytes: Uint8Array } {
  checkState(state);
  const encoded: EncodedParams = encodeArrays([
    ...state.m.map((a, i) => ({ ...a, name: `m/${i}` })),
    ...state.v.map((a, i) => ({ ...a, name: `v/${i}` })),
  ]);
  return {
    manifest: {
      format: ADAM_FORMAT,
      version: ADAM_FORMAT_VERSION,
      step: state.step,
      beta1Power: state.beta1Power,
      beta2Power: state.beta2Power,
      tensors: encoded.manifest.tensors,
      byteLength: encoded.manifest.byteLength,
    },
    bytes: encoded.bytes,
  };
}

/**
 * Adam state from {@link encodeAdamState}'s output.
 * @throws ParamsFormatError for a manifest or bytes that do not describe Adam state.
 */
export function decodeAdamState(manifest: AdamManifest, bytes: Uint8Array): AdamState {
  const fail = (message: string): never => {
    throw new ParamsFormatError(message);
  };
  if (manifest?.format !== ADAM_FORMAT) fail(`manifest.format must be "${ADAM_FORMAT}"`);
  if (manifest.version !== ADAM_FORMAT_VERSION) fail(`unsupported manifest.version ${manifest.version}`);
  const arrays = decodeArrays(manifest, bytes);
  const k = arrays.size / 2;
  const list = (tag: string) =>
    Array.from(
      { length: k },
      (_, i) => arrays.get(`${tag}/${i}`) ?? fail(`manifest.tensors lacks ${tag}/${i}`),
    );
  if (!Number.isInteger(k)) fail('manifest.tensors must hold an m and a v per parameter');
  const state: AdamState = {
    step: manifest.step,
    beta1Power: manifest.beta1Power,
    beta2Power: manifest.beta2Power,
    m: list('m'),
    v: list('v'),
  };
  try {
    checkState(state);
  } catch (err) {
    fail((err as Error).message);
  }
  return state;
}
