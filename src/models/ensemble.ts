/**
 * Probabilistic dynamics ensemble (PETS, Chua et al. 2018; mbrl-lib's `GaussianMLP`): E MLPs with
 * SiLU (swish) hidden layers, each predicting the mean and log-variance of the target (delta state,
 * optionally with the reward appended), with learned soft bounds on the log-variance and input
 * normalisation.
 *
 * Parameters are explicit tensors ({@link EnsembleParams}) and {@link Ensemble.forward} is a pure
 * function of them, so planners can differentiate through it (`tf.grad` w.r.t. the inputs) and
 * meta-learning can pass adapted parameters in place of the stored ones.
 *
 * Each member is an MLP of `./mlp.ts` (SiLU hidden layers) whose output holds the mean and the raw
 * log-variance. Members are evaluated as a loop of 2-D `tf.fused.matMul`s, one per member and layer, each on the
 * member's own long-lived 2-D weight tensor: on wasm, tfjs routes only 2-D (batch 1) matMuls to
 * XNNPACK, and a batched 3-D matMul is ~11x slower (docs/tensor-backends.md).
 * @module
 */
import type * as Tf from '@tensorflow/tfjs';
import { Generator } from '../rng/generator.ts';
import { loadTf, type TfModule } from '../tensor/backend.ts';
import {
  type DenseParams,
  initMlpParams,
  type MlpParams,
  mlpForward,
  mlpLayerWidths,
  mlpTensors,
  toVariable,
} from './mlp.ts';

export { toVariable };

/** Shape and kind of an ensemble. Plain JSON data (it goes into the serialised manifest). */
export interface EnsembleConfig {
  /** Input width: observation (or its model features) + action. */
  inputDim: number;
  /** Target width: delta observation, plus 1 when the reward is learned too. */
  outputDim: number;
  /** Hidden layer widths, e.g. [200, 200, 200]. */
  hiddenSizes: number[];
  /** E: number of members. */
  ensembleSize: number;
  /** Deterministic members predict only the mean (trained with MSE); no log-variance head. */
  deterministic: boolean;
  /** Initial upper soft bound of the log-variance (mbrl-lib: 0.5). */
  initMaxLogvar: number;
  /** Initial lower soft bound of the log-variance (mbrl-lib: -10). */
  initMinLogvar: number;
}

/** One dense layer: `x W + b`, W `[in, out]`, b `[out]`. */
export type LayerParams = DenseParams;

/**
 * One member's parameters: an MLP (SiLU hidden layers, linear output) and, when probabilistic, the
 * log-variance bounds. Trainable ones are `tf.Variable`s in a model built here.
 */
export interface MemberParams extends MlpParams {
  /** Hidden layers then the output layer (output width `outputDim`, or `2 outputDim` mean|logvar). */
  layers: LayerParams[];
  /** `[1, outputDim]`; absent for deterministic members. */
  maxLogvar?: Tf.Tensor2D;
  /** `[1, outputDim]`; absent for deterministic members. */
  minLogvar?: Tf.Tensor2D;
}

/** All parameters of an ensemble: the members and the input normaliser (not trained by gradient). */
export interface EnsembleParams {
  members: MemberParams[];
  /** `[1, inputDim]`, fitted on training inputs. */
  inputMean: Tf.Tensor2D;
  /** `[1, inputDim]`, fitted on training inputs (never below {@link MIN_STD}). */
  inputStd: Tf.Tensor2D;
  /**
   * `[1, outputDim]`: the target normaliser. Members predict standardised targets, so that every
   * target column weighs the same in the loss whatever its scale (a learned reward of size 1e-3
   * next to state deltas of size 10 would otherwise be ignored, as in Nagabandi et al. 2018).
   */
  outputMean: Tf.Tensor2D;
  /** `[1, outputDim]`, never below {@link MIN_STD}. */
  outputStd: Tf.Tensor2D;
}

/** Per-member predictions, each `[N, outputDim]`. */
export interface EnsembleOutput {
  means: Tf.Tensor2D[];
  /** Soft-bounded log-variances; absent for a deterministic ensemble. */
  logvars?: Tf.Tensor2D[];
}

/** Options of {@link Ensemble.forward}. */
export interface ForwardOptions {
  /** Evaluate only these members (e.g. the elites); default all, in order. */
  members?: readonly number[];
  /** Answer in standardised target units (what training fits); default: in target units. */
  normalized?: boolean;
}

/** A probabilistic ensemble: config, its stored parameters, elites, and the pure forward function. */
export interface Ensemble {
  readonly tf: TfModule;
  readonly config: Readonly<EnsembleConfig>;
  /** The stored (trainable) parameters. */
  readonly params: EnsembleParams;
  /** Indices of the elite members (best validation loss), best first; all members until trained. */
  elites: number[];
  /**
   * Pure forward pass: `inputs` is one `[N, inputDim]` tensor shared by all members, or one per
   * evaluated member (TS-style propagation, each member its own particles). No tidy inside, so it can
   * run under `tf.grad` / `tf.variableGrads`; wrap calls in `tf.tidy`.
   */
  forward(
    params: EnsembleParams,
    inputs: Tf.Tensor2D | readonly Tf.Tensor2D[],
    options?: ForwardOptions,
  ): EnsembleOutput;
  /** Convenience: forward on the stored parameters, read back as Float32Arrays (tidy, no leaks). */
  predict(
    inputs: Float32Array,
    n: number,
    options?: ForwardOptions,
  ): Promise<{ means: Float32Array[]; logvars?: Float32Array[] }>;
  /** All trainable variables (layers, logvar bounds), in a stable order. */
  trainableVariables(): Tf.Variable[];
  /** Disposes every tensor the ensemble holds. */
  dispose(): void;
}

/** Floor on the fitted input standard deviation (a constant input column is left unscaled). */
export const MIN_STD = 1e-12;

/** Defaults for {@link createEnsemble}: PETS / mbrl-lib's pets_* configs. */
export const DEFAULT_ENSEMBLE_CONFIG: Omit<EnsembleConfig, 'inputDim' | 'outputDim'> = {
  hiddenSizes: [200, 200, 200],
  ensembleSize: 5,
  deterministic: false,
  initMaxLogvar: 0.5,
  initMinLogvar: -10,
};

/** Throws a RangeError naming the first invalid field of an ensemble config. */
export function checkConfig(config: EnsembleConfig): void {
  const posInt = (name: string, v: unknown) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      throw new RangeError(`ensemble config.${name} must be a positive integer, got ${String(v)}`);
    }
  };
  posInt('inputDim', config.inputDim);
  posInt('outputDim', config.outputDim);
  posInt('ensembleSize', config.ensembleSize);
  if (!Array.isArray(config.hiddenSizes))
    throw new RangeError('ensemble config.hiddenSizes must be an array');
  config.hiddenSizes.forEach((h, i) => {
    posInt(`hiddenSizes[${i}]`, h);
  });
  if (typeof config.deterministic !== 'boolean')
    throw new RangeError('ensemble config.deterministic must be a boolean');
  if (!Number.isFinite(config.initMaxLogvar) || !Number.isFinite(config.initMinLogvar)) {
    throw new RangeError('ensemble config.initMaxLogvar / initMinLogvar must be finite');
  }
}

/** Width of each layer's output, the last one included. */
export function layerWidths(config: EnsembleConfig): Array<[number, number]> {
  return mlpLayerWidths(
    config.inputDim,
    config.hiddenSizes,
    config.deterministic ? config.outputDim : 2 * config.outputDim,
  );
}

/** Options of {@link createEnsemble}. */
export interface CreateEnsembleOptions {
  /** Seed of the weight initialisation (numpy-compatible generator). Default 0. */
  seed?: number;
}

/**
 * A freshly initialised ensemble (normaliser identity: mean 0, std 1 until training fits it).
 * Loads tfjs with the process's backend.
 */
export async function createEnsemble(
  config: Partial<EnsembleConfig> & Pick<EnsembleConfig, 'inputDim' | 'outputDim'>,
  options: CreateEnsembleOptions = {},
): Promise<Ensemble> {
  const full: EnsembleConfig = { ...DEFAULT_ENSEMBLE_CONFIG, ...config };
  full.hiddenSizes = [...full.hiddenSizes];
  checkConfig(full);
  const tf = await loadTf();
  const rng = Generator.fromSeed(options.seed ?? 0);
  const members: MemberParams[] = [];
  for (let m = 0; m < full.ensembleSize; m++) {
    // Members are drawn in turn from one generator: the seed fixes them all.
    const member: MemberParams = initMlpParams(tf, layerWidths(full), rng);
    if (!full.deterministic) {
      member.maxLogvar = toVariable(tf, () => tf.fill([1, full.outputDim], full.initMaxLogvar), true);
      member.minLogvar = toVariable(tf, () => tf.fill([1, full.outputDim], full.initMinLogvar), true);
    }
    members.push(member);
  }
  const params: EnsembleParams = {
    members,
    inputMean: toVariable(tf, () => tf.zeros([1, full.inputDim]), false),
    inputStd: toVariable(tf, () => tf.ones([1, full.inputDim]), false),
    outputMean: toVariable(tf, () => tf.zeros([1, full.outputDim]), false),
    outputStd: toVariable(tf, () => tf.ones([1, full.outputDim]), false),
  };
  return makeEnsemble(tf, full, params);
}

/** The tensors of one member in a stable order (for optimisers and serialisation). */
export function memberTensors(member: MemberParams): Array<[string, Tf.Tensor]> {
  const out = mlpTensors(member);
  if (member.maxLogvar) out.push(['maxLogvar', member.maxLogvar]);
  if (member.minLogvar) out.push(['minLogvar', member.minLogvar]);
  return out;
}

/** A member's MLP activations (PETS / mbrl-lib: SiLU). */
export const MEMBER_ACTIVATIONS = { hidden: 'silu', output: 'none' } as const;

/**
 * The pure forward pass (see {@link Ensemble.forward}). PETS's soft clamp of the log-variance:
 * `lv = max - softplus(max - raw)`, then `lv = min + softplus(lv - min)`.
 */
export function ensembleForward(
  tf: TfModule,
  config: Readonly<EnsembleConfig>,
  params: EnsembleParams,
  inputs: Tf.Tensor2D | readonly Tf.Tensor2D[],
  options: ForwardOptions = {},
): EnsembleOutput {
  const which = options.members ?? params.members.map((_, i) => i);
  const perMember = Array.isArray(inputs);
  if (perMember && inputs.length !== which.length) {
    throw new RangeError(`forward: got ${inputs.length} input tensors for ${which.length} members`);
  }
  const normalise = (x: Tf.Tensor2D) => tf.div(tf.sub(x, params.inputMean), params.inputStd) as Tf.Tensor2D;
  const shared = perMember ? undefined : normalise(inputs as Tf.Tensor2D);
  const means: Tf.Tensor2D[] = [];
  const logvars: Tf.Tensor2D[] = [];
  const d = config.outputDim;
  // Back to target units: mean * std + mean0, log-variance + 2 log std.
  const scaled = !options.normalized;
  const logVarShift = scaled && !config.deterministic ? tf.mul(2, tf.log(params.outputStd)) : undefined;
  which.forEach((m, k) => {
    const member = params.members[m];
    if (member === undefined) throw new RangeError(`forward: no member ${m}`);
    const x = shared ?? normalise((inputs as readonly Tf.Tensor2D[])[k]!);
    // SiLU (swish) hidden layers, linear output: mean, or mean | raw log-variance.
    const h = mlpForward(tf, member, x, MEMBER_ACTIVATIONS);
    const mean = config.deterministic ? h : (tf.slice(h, [0, 0], [-1, d]) as Tf.Tensor2D);
    means.push(scaled ? (tf.add(tf.mul(mean, params.outputStd), params.outputMean) as Tf.Tensor2D) : mean);
    if (config.deterministic) return;
    const maxLv = member.maxLogvar!;
    const minLv = member.minLogvar!;
    const raw = tf.slice(h, [0, d], [-1, d]);
    const upper = tf.sub(maxLv, tf.softplus(tf.sub(maxLv, raw)));
    const lv = tf.add(minLv, tf.softplus(tf.sub(upper, minLv))) as Tf.Tensor2D;
    logvars.push(scaled ? (tf.add(lv, logVarShift!) as Tf.Tensor2D) : lv);
  });
  return config.deterministic ? { means } : { means, logvars };
}

/** Wraps parameters into an {@link Ensemble} (used by {@link createEnsemble} and deserialisation). */
export function makeEnsemble(
  tf: TfModule,
  config: EnsembleConfig,
  params: EnsembleParams,
  elites?: number[],
): Ensemble {
  const frozen = Object.freeze({
    ...config,
    hiddenSizes: Object.freeze([...config.hiddenSizes]) as number[],
  });
  const ensemble: Ensemble = {
    tf,
    config: frozen,
    params,
    elites: elites ?? params.members.map((_, i) => i),
    forward: (p, inputs, options) => ensembleForward(tf, frozen, p, inputs, options),
    async predict(inputs, n, options) {
      if (inputs.length !== n * frozen.inputDim) {
        throw new RangeError(`predict: expected ${n * frozen.inputDim} values, got ${inputs.length}`);
      }
      const out = tf.tidy(() => {
        const o = ensembleForward(tf, frozen, params, tf.tensor2d(inputs, [n, frozen.inputDim]), options);
        return [...o.means, ...(o.logvars ?? [])];
      });
      try {
        const data = await Promise.all(out.map((t) => t.data() as Promise<Float32Array>));
        const k = (options?.members ?? params.members).length;
        return frozen.deterministic
          ? { means: data.slice(0, k) }
          : { means: data.slice(0, k), logvars: data.slice(k) };
      } finally {
        for (const t of out) t.dispose();
      }
    },
    trainableVariables() {
      const vars: Tf.Variable[] = [];
      for (const member of params.members) {
        for (const [, t] of memberTensors(member)) {
          if (t instanceof tf.Variable && t.trainable) vars.push(t);
        }
      }
      return vars;
    },
    dispose() {
      for (const member of params.members) for (const [, t] of memberTensors(member)) t.dispose();
      params.inputMean.dispose();
      params.inputStd.dispose();
      params.outputMean.dispose();
      params.outputStd.dispose();
    },
  };
  return ensemble;
}
