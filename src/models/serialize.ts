/**
 * An ensemble as bytes + a JSON manifest: the weights of every member (float32, little-endian,
 * concatenated in manifest order) and a manifest naming each tensor with its shape, dtype and byte
 * range, plus the config, the elites and the input normaliser. Loading restores the exact float32
 * values, so predictions are identical on the same backend. The tensor layout is params-io's
 * (`./params-io.ts`); this module adds the ensemble's fields around it.
 * @module
 */
import type * as Tf from '@tensorflow/tfjs';
import { loadTf } from '../tensor/backend.ts';
import {
  checkConfig,
  type Ensemble,
  type EnsembleConfig,
  type EnsembleParams,
  layerWidths,
  type MemberParams,
  makeEnsemble,
  memberTensors,
  toVariable,
} from './ensemble.ts';
import {
  checkByteLength,
  decodeArrays,
  type ExpectedTensor,
  encodeTensors,
  ParamsFormatError,
  type TensorEntry,
} from './params-io.ts';

export type { TensorEntry };

/** Format tag of {@link EnsembleManifest}. */
export const ENSEMBLE_FORMAT = 'modelgym.ensemble';
/** Version of the manifest layout. */
export const ENSEMBLE_FORMAT_VERSION = 2;

/** JSON-safe description of the weight bytes. */
export interface EnsembleManifest {
  format: typeof ENSEMBLE_FORMAT;
  version: number;
  config: EnsembleConfig;
  elites: number[];
  /**
   * Input normaliser, `[inputDim]` each, and target normaliser, `[outputDim]` each (float32
   * values, exact through JSON). Version 1 manifests have no target normaliser (identity).
   */
  normaliser: { mean: number[]; std: number[]; targetMean?: number[]; targetStd?: number[] };
  tensors: TensorEntry[];
  /** Total bytes of the weights. */
  byteLength: number;
}
// `tensors` are named `members/<m>/layers/<l>/w`, `.../b`, `members/<m>/maxLogvar`, `members/<m>/minLogvar`.

/** A serialised ensemble. */
export interface SerializedEnsemble {
  manifest: EnsembleManifest;
  weights: Uint8Array;
}

/** Raised for a manifest or weight buffer that does not describe a valid ensemble. */
export class EnsembleFormatError extends Error {
  override readonly name = 'EnsembleFormatError';
}

/** Serialises the ensemble's current weights, normaliser, elites and config. */
export async function serializeEnsemble(ensemble: Ensemble): Promise<SerializedEnsemble> {
  const { config, params } = ensemble;
  const named: Array<[string, Tf.Tensor]> = [];
  params.members.forEach((member, m) => {
    for (const [name, t] of memberTensors(member)) named.push([`members/${m}/${name}`, t]);
  });
  const { manifest: layout, bytes: weights } = await encodeTensors(named);
  const [mean, std, targetMean, targetStd] = await Promise.all(
    [params.inputMean, params.inputStd, params.outputMean, params.outputStd].map((t) => t.data()),
  );
  return {
    manifest: {
      format: ENSEMBLE_FORMAT,
      version: ENSEMBLE_FORMAT_VERSION,
      config: { ...config, hiddenSizes: [...config.hiddenSizes] },
      elites: [...ensemble.elites],
      normaliser: {
        mean: Array.from(mean!),
        std: Array.from(std!),
        targetMean: Array.from(targetMean!),
        targetStd: Array.from(targetStd!),
      },
      tensors: layout.tensors,
      byteLength: layout.byteLength,
    },
    weights,
  };
}

function fail(message: string): never {
  throw new EnsembleFormatError(message);
}

/** Runs a params-io check, reporting its complaint as this format's error (same message). */
function rethrow<T>(check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof ParamsFormatError) fail(err.message);
    throw err;
  }
}

/** The expected tensor list of a config, in serialisation order. */
function expectedEntries(config: EnsembleConfig): ExpectedTensor[] {
  const out: ExpectedTensor[] = [];
  for (let m = 0; m < config.ensembleSize; m++) {
    layerWidths(config).forEach(([i, o], l) => {
      out.push({ name: `members/${m}/layers/${l}/w`, shape: [i, o] });
      out.push({ name: `members/${m}/layers/${l}/b`, shape: [o] });
    });
    if (!config.deterministic) {
      out.push({ name: `members/${m}/maxLogvar`, shape: [1, config.outputDim] });
      out.push({ name: `members/${m}/minLogvar`, shape: [1, config.outputDim] });
    }
  }
  return out;
}

/**
 * Rebuilds an ensemble (weights as trainable `tf.Variable`s) from {@link serializeEnsemble} output.
 * Validates the manifest completely against the config and the byte length.
 * @throws EnsembleFormatError for anything inconsistent.
 */
export async function deserializeEnsemble(
  manifest: EnsembleManifest,
  weights: Uint8Array,
): Promise<Ensemble> {
  if (manifest?.format !== ENSEMBLE_FORMAT) fail(`manifest.format must be "${ENSEMBLE_FORMAT}"`);
  if (manifest.version !== 1 && manifest.version !== ENSEMBLE_FORMAT_VERSION) {
    fail(`unsupported manifest.version ${manifest.version}`);
  }
  const config = manifest.config;
  if (config === null || typeof config !== 'object') fail('manifest.config must be an object');
  rethrow(() => checkByteLength(manifest, weights));
  let expected: ExpectedTensor[];
  try {
    checkConfig(config);
    expected = expectedEntries(config);
  } catch (err) {
    fail(`manifest.config is invalid: ${(err as Error).message}`);
  }
  if (!Array.isArray(manifest.tensors) || manifest.tensors.length !== expected.length) {
    fail(`manifest.tensors must list ${expected.length} tensors for this config`);
  }
  const arrays = rethrow(() => decodeArrays(manifest, weights, expected));
  const { mean, std } = manifest.normaliser ?? fail('manifest.normaliser is missing');
  if (
    !Array.isArray(mean) ||
    !Array.isArray(std) ||
    mean.length !== config.inputDim ||
    std.length !== config.inputDim
  ) {
    fail(`manifest.normaliser.mean/std must have ${config.inputDim} numbers each`);
  }
  const targetMean = manifest.normaliser.targetMean ?? new Array<number>(config.outputDim).fill(0);
  const targetStd = manifest.normaliser.targetStd ?? new Array<number>(config.outputDim).fill(1);
  if (
    manifest.version > 1 &&
    (!Array.isArray(manifest.normaliser.targetMean) || !Array.isArray(manifest.normaliser.targetStd))
  ) {
    fail('manifest.normaliser.targetMean/targetStd are missing');
  }
  if (targetMean.length !== config.outputDim || targetStd.length !== config.outputDim) {
    fail(`manifest.normaliser.targetMean/targetStd must have ${config.outputDim} numbers each`);
  }
  const elites = manifest.elites;
  if (
    !Array.isArray(elites) ||
    elites.length < 1 ||
    elites.some((m) => !Number.isInteger(m) || m < 0 || m >= config.ensembleSize) ||
    new Set(elites).size !== elites.length
  ) {
    fail('manifest.elites must be distinct member indices');
  }

  const tf = await loadTf();
  const variable = <R extends Tf.Rank>(name: string, shape: number[]) =>
    toVariable<R>(tf, () => tf.tensor(arrays.get(name)!.values, shape), true);
  const members: MemberParams[] = [];
  for (let m = 0; m < config.ensembleSize; m++) {
    const layers = layerWidths(config).map(([i, o], l) => ({
      w: variable<Tf.Rank.R2>(`members/${m}/layers/${l}/w`, [i, o]),
      b: variable<Tf.Rank.R1>(`members/${m}/layers/${l}/b`, [o]),
    }));
    const member: MemberParams = { layers };
    if (!config.deterministic) {
      member.maxLogvar = variable<Tf.Rank.R2>(`members/${m}/maxLogvar`, [1, config.outputDim]);
      member.minLogvar = variable<Tf.Rank.R2>(`members/${m}/minLogvar`, [1, config.outputDim]);
    }
    members.push(member);
  }
  const params: EnsembleParams = {
    members,
    inputMean: toVariable(tf, () => tf.tensor2d(Float32Array.from(mean), [1, config.inputDim]), false),
    inputStd: toVariable(tf, () => tf.tensor2d(Float32Array.from(std), [1, config.inputDim]), false),
    outputMean: toVariable(
      tf,
      () => tf.tensor2d(Float32Array.from(targetMean), [1, config.outputDim]),
      false,
    ),
    outputStd: toVariable(tf, () => tf.tensor2d(Float32Array.from(targetStd), [1, config.outputDim]), false),
  };
  return makeEnsemble(tf, { ...config, hiddenSizes: [...config.hiddenSizes] }, params, [...elites]);
}
