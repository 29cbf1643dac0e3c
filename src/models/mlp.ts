/**
 * A multilayer perceptron as explicit parameters: a list of dense layers `{w, b}` and a pure
 * forward function of (parameters, input). Nothing is hidden in a tf.layers object, so callers can
 * differentiate through the network w.r.t. its inputs or pass other parameters in (targets,
 * adapted weights), as DESIGN asks of every model. The dynamics ensemble's members and the SAC
 * networks are MLPs.
 *
 * Each layer is one 2-D fused matMul on the layer's own long-lived weight tensor (the XNNPACK
 * path on wasm; see {@link denseFor}).
 * @module
 */
import type * as Tf from '@tensorflow/tfjs';
import { Generator } from '../rng/generator.ts';
import type { TfModule } from '../tensor/backend.ts';
import { type Dense, denseFor } from './dense.ts';

/** Activation between hidden layers. */
export type HiddenActivation = 'relu' | 'silu' | 'tanh';

/** Activation of the output layer. */
export type OutputActivation = 'none' | 'tanh';

/** One dense layer: `x W + b`, W `[in, out]`, b `[out]`. */
export interface DenseParams {
  w: Tf.Tensor2D;
  b: Tf.Tensor1D;
}

/** An MLP's parameters: hidden layers then the output layer. `tf.Variable`s when trainable. */
export interface MlpParams {
  layers: DenseParams[];
}

/** The activations {@link mlpForward} applies. */
export interface MlpActivations {
  hidden: HiddenActivation;
  /** Default `'none'`. */
  output?: OutputActivation;
}

/** Shape and activations of an MLP. Plain JSON data. */
export interface MlpConfig extends Required<MlpActivations> {
  inputDim: number;
  /** Hidden layer widths, e.g. [256, 256]; empty for a single linear layer. */
  hiddenSizes: number[];
  outputDim: number;
}

/** `[fanIn, fanOut]` of each layer of an `inputDim -> ...hiddenSizes -> outputDim` MLP. */
export function mlpLayerWidths(
  inputDim: number,
  hiddenSizes: readonly number[],
  outputDim: number,
): Array<[number, number]> {
  const dims = [inputDim, ...hiddenSizes, outputDim];
  const out: Array<[number, number]> = [];
  for (let i = 0; i + 1 < dims.length; i++) out.push([dims[i]!, dims[i + 1]!]);
  return out;
}

/**
 * mbrl-lib's `truncated_normal_init`: N(0, (1 / (2 sqrt(in)))^2) truncated at 2 standard deviations,
 * drawn from our numpy-compatible generator so that a seed fixes the initial weights on any backend.
 */
function truncatedNormal(rng: Generator, size: number, std: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    let z = rng.standardNormal();
    while (z < -2 || z > 2) z = rng.standardNormal();
    out[i] = z * std;
  }
  return out;
}

/**
 * Initial weights of layers of the given widths, drawn from `rng` layer by layer (weights
 * row-major `[in, out]` with {@link truncatedNormal}; biases zero, drawing nothing). Several
 * networks drawn in turn from one generator (the ensemble's members) are fixed by one seed.
 */
export function initialLayerValues(
  rng: Generator,
  widths: ReadonlyArray<readonly [number, number]>,
): Array<{ w: Float32Array; b: Float32Array }> {
  return widths.map(([fanIn, fanOut]) => ({
    w: truncatedNormal(rng, fanIn * fanOut, 1 / (2 * Math.sqrt(fanIn))),
    b: new Float32Array(fanOut),
  }));
}

/**
 * PyTorch's default `nn.Linear` initialisation (what SB3's actors and critics start from): weights
 * and biases uniform in `[-1/sqrt(in), 1/sqrt(in)]` (kaiming-uniform with a = sqrt(5)), drawn from
 * `rng` layer by layer, weights row-major `[in, out]` then the bias.
 */
export function torchLayerValues(
  rng: Generator,
  widths: ReadonlyArray<readonly [number, number]>,
): Array<{ w: Float32Array; b: Float32Array }> {
  return widths.map(([fanIn, fanOut]) => {
    const bound = 1 / Math.sqrt(fanIn);
    const draw = (n: number) => Float32Array.from({ length: n }, () => rng.uniform(-bound, bound));
    const w = draw(fanIn * fanOut);
    return { w, b: draw(fanOut) };
  });
}

/** How a new MLP's weights are drawn. */
export type MlpInit = 'truncated-normal' | 'torch';

/** `tf.variable(make())` without leaving `make()`'s tensor behind (a Variable shares its data). */
export function toVariable<R extends Tf.Rank>(
  tf: TfModule,
  make: () => Tf.Tensor,
  trainable: boolean,
  name?: string,
): Tf.Variable<R> {
  return tf.tidy(() => tf.variable(make(), trainable, name)) as Tf.Variable<R>;
}

/** Freshly initialised layers ({@link initialLayerValues}, or {@link torchLayerValues}) as `tf.Variable`s. */
export function initMlpParams(
  tf: TfModule,
  widths: ReadonlyArray<readonly [number, number]>,
  rng: Generator,
  trainable = true,
  init: MlpInit = 'truncated-normal',
): MlpParams {
  const values = init === 'torch' ? torchLayerValues(rng, widths) : initialLayerValues(rng, widths);
  const layers = values.map(({ w, b }, l): DenseParams => {
    const [fanIn, fanOut] = widths[l]!;
    return {
      w: toVariable(tf, () => tf.tensor2d(w, [fanIn, fanOut]), trainable),
      b: toVariable(tf, () => tf.tensor1d(b), trainable),
    };
  });
  return { layers };
}

/**
 * The pure forward pass `x -> out(W_k ... hidden(W_1 x + b_1) ... + b_k)`, `x` `[N, in]`. No tidy
 * inside, so it runs under `tf.grad` / `tf.variableGrads`; wrap calls in `tf.tidy`. `dense` is the
 * layer kernel: {@link denseFor}'s by default; `inferenceDenseFor(tf)` (same values) where no
 * gradient is ever taken.
 */
export function mlpForward(
  tf: TfModule,
  params: MlpParams,
  x: Tf.Tensor2D,
  activations: MlpActivations,
  dense: Dense = denseFor(tf),
): Tf.Tensor2D {
  const last = params.layers.length - 1;
  let h = x;
  params.layers.forEach((layer, l) => {
    if (l === last) {
      const z = dense(h, layer.w, layer.b);
      h = activations.output === 'tanh' ? (tf.tanh(z) as Tf.Tensor2D) : z;
      return;
    }
    switch (activations.hidden) {
      case 'relu':
        // Fused into the matMul kernel: one kernel launch fewer per layer.
        h = dense(h, layer.w, layer.b, 'relu');
        break;
      case 'silu': {
        // x * sigmoid(x): tfjs has no fused SiLU; the gradient of the two ops composes.
        const z = dense(h, layer.w, layer.b);
        h = tf.mul(z, tf.sigmoid(z)) as Tf.Tensor2D;
        break;
      }
      case 'tanh':
        h = tf.tanh(dense(h, layer.w, layer.b)) as Tf.Tensor2D;
        break;
      default:
        throw new RangeError(`unknown hidden activation ${String(activations.hidden)}`);
    }
  });
  return h;
}

/** The layer tensors in a stable order, named `layers/<l>/w` and `layers/<l>/b`. */
export function mlpTensors(params: MlpParams): Array<[string, Tf.Tensor]> {
  const out: Array<[string, Tf.Tensor]> = [];
  params.layers.forEach((layer, l) => {
    out.push([`layers/${l}/w`, layer.w], [`layers/${l}/b`, layer.b]);
  });
  return out;
}

/** The trainable `tf.Variable`s among the layers, in {@link mlpTensors} order. */
export function mlpVariables(tf: TfModule, params: MlpParams): Tf.Variable[] {
  return mlpTensors(params)
    .map(([, t]) => t)
    .filter((t): t is Tf.Variable => t instanceof tf.Variable && t.trainable);
}

/** Disposes every layer tensor. */
export function disposeMlp(params: MlpParams): void {
  for (const layer of params.layers) {
    layer.w.dispose();
    layer.b.dispose();
  }
}

/** An MLP with its own parameters, bound to its config. */
export interface Mlp {
  readonly tf: TfModule;
  readonly config: Readonly<MlpConfig>;
  /** The stored parameters (trainable `tf.Variable`s). */
  readonly params: MlpParams;
  /** {@link mlpForward} with this config's activations, on `params` (default: the stored ones). */
  forward(x: Tf.Tensor2D, params?: MlpParams): Tf.Tensor2D;
  /** The stored trainable variables, in a stable order (for optimisers). */
  variables(): Tf.Variable[];
  /** Disposes the stored parameters. */
  dispose(): void;
}

/** Options of {@link createMlp}. */
export interface CreateMlpOptions {
  /** Draw the weights from this generator (several networks from one stream); else from `seed`. */
  rng?: Generator;
  /** Seed of the weight initialisation when no `rng` is given (default 0). */
  seed?: number;
  /** How the weights are drawn (default `'truncated-normal'`, mbrl-lib's). */
  init?: MlpInit;
}

/** Throws a RangeError naming the first invalid field of an MLP config. */
export function checkMlpConfig(config: MlpConfig): void {
  const posInt = (name: string, v: unknown) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      throw new RangeError(`mlp config.${name} must be a positive integer, got ${String(v)}`);
    }
  };
  posInt('inputDim', config.inputDim);
  posInt('outputDim', config.outputDim);
  if (!Array.isArray(config.hiddenSizes)) throw new RangeError('mlp config.hiddenSizes must be an array');
  config.hiddenSizes.forEach((h, i) => {
    posInt(`hiddenSizes[${i}]`, h);
  });
  if (!['relu', 'silu', 'tanh'].includes(config.hidden)) {
    throw new RangeError(`mlp config.hidden must be relu, silu or tanh, got ${String(config.hidden)}`);
  }
  if (!['none', 'tanh'].includes(config.output)) {
    throw new RangeError(`mlp config.output must be none or tanh, got ${String(config.output)}`);
  }
}

/** A freshly initialised MLP (weights from {@link initialLayerValues}, as trainable variables). */
export function createMlp(tf: TfModule, config: MlpConfig, options: CreateMlpOptions = {}): Mlp {
  checkMlpConfig(config);
  const frozen: Readonly<MlpConfig> = Object.freeze({
    ...config,
    hiddenSizes: Object.freeze([...config.hiddenSizes]) as number[],
  });
  const rng = options.rng ?? Generator.fromSeed(options.seed ?? 0);
  const params = initMlpParams(
    tf,
    mlpLayerWidths(frozen.inputDim, frozen.hiddenSizes, frozen.outputDim),
    rng,
    true,
    options.init,
  );
  return {
    tf,
    config: frozen,
    params,
    forward: (x, p = params) => mlpForward(tf, p, x, frozen),
    variables: () => mlpVariables(tf, params),
    dispose: () => disposeMlp(params),
  };
}
