/**
 * An ensemble as bytes + a JSON manifest: the weights of every member (float32, little-endian,
 * concatenated in manifest order) and a manifest naming each tensor with its shape, dtype and byte
 * range, plus the config, the elites and the input normaliser. Loading restores the exact float32
 * values, so predictions are identical on the same backend.
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

/** Format tag of {@link EnsembleManifest}. */
export const ENSEMBLE_FORMAT = 'modelgym.ensemble';
/** Version of the manifest layout. */
export const ENSEMBLE_FORMAT_VERSION = 2;

/** One stored tensor. */
export interface TensorEntry {
  /** `members/<m>/layers/<l>/w`, `.../b`, `members/<m>/maxLogvar`, `members/<m>/minLogvar`. */
  name: string;
  shape: number[];
  dtype: 'float32';
  /** Byte offset into the weight bytes (multiple of 4). */
  offset: number;
  byteLength: number;
}

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

/** A serialised ensemble. */
export interface SerializedEnsemble {
  manifest: EnsembleManifest;
  weights: Uint8Array;
}

/** Raised for a manifest or weight buffer that does not describe a valid ensemble. */
export class EnsembleFormatError extends Error {
  override readonly name = 'EnsembleFormatError';
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Serialises the ensemble's current weights, normaliser, elites and config. */
export async function serializeEnsemble(ensemble: Ensemble): Promise<SerializedEnsemble> {
  const { config, params } = ensemble;
  const named: Array<[string, Tf.Tensor]> = [];
  params.members.forEach((member, m) => {
    for (const [name, t] of memberTensors(member)) named.push([`members/${m}/${name}`, t]);
  });
  const values = await Promise.all(named.map(([, t]) => t.data() as Promise<Float32Array>));
  const tensors: TensorEntry[] = [];
  let offset = 0;
  named.forEach(([name, t], i) => {
    const byteLength = values[i]!.length * 4;
    tensors.push({ name, shape: [...t.shape], dtype: 'float32', offset, byteLength });
    offset += byteLength;
  });
  const weights = new Uint8Array(offset);
  const view = new DataView(weights.buffer);
  tensors.forEach((entry, i) => {
    const v = values[i]!;
    if (LITTLE_ENDIAN) weights.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), entry.offset);
    else for (let j = 0; j < v.length; j++) view.setFloat32(entry.offset + 4 * j, v[j]!, true);
  });
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
      tensors,
      byteLength: offset,
    },
    weights,
  };
}

function fail(message: string): never {
  throw new EnsembleFormatError(message);
}

function readFloats(weights: Uint8Array, entry: TensorEntry): Float32Array {
  const n = entry.byteLength / 4;
  const out = new Float32Array(n);
  const view = new DataView(weights.buffer, weights.byteOffset + entry.offset, entry.byteLength);
  for (let j = 0; j < n; j++) out[j] = view.getFloat32(4 * j, true);
  return out;
}

/** The expected tensor list of a config, in serialisation order. */
function expectedEntries(config: EnsembleConfig): Array<{ name: string; shape: number[] }> {
  const out: Array<{ name: string; shape: number[] }> = [];
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
  if (manifest.byteLength !== weights.byteLength) {
    fail(`weights are ${weights.byteLength} bytes, manifest says ${manifest.byteLength}`);
  }
  let expected: Array<{ name: string; shape: number[] }>;
  try {
    checkConfig(config);
    expected = expectedEntries(config);
  } catch (err) {
    fail(`manifest.config is invalid: ${(err as Error).message}`);
  }
  if (!Array.isArray(manifest.tensors) || manifest.tensors.length !== expected.length) {
    fail(`manifest.tensors must list ${expected.length} tensors for this config`);
  }
  const byName = new Map(manifest.tensors.map((t) => [t.name, t]));
  for (const want of expected) {
    const entry = byName.get(want.name) ?? fail(`manifest.tensors lacks ${want.name}`);
    const size = want.shape.reduce((a, b) => a * b, 1);
    if (entry.dtype !== 'float32') fail(`${want.name}: dtype must be float32`);
    if (JSON.stringify(entry.shape) !== JSON.stringify(want.shape)) {
      fail(`${want.name}: shape ${JSON.stringify(entry.shape)}, expected ${JSON.stringify(want.shape)}`);
    }
    if (
      entry.byteLength !== size * 4 ||
      !Number.isInteger(entry.offset) ||
      entry.offset < 0 ||
      entry.offset % 4 !== 0 ||
      entry.offset + entry.byteLength > weights.byteLength
    ) {
      fail(`${want.name}: byte range out of bounds`);
    }
  }
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
    toVariable<R>(tf, () => tf.tensor(readFloats(weights, byName.get(name)!), shape), true);
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
