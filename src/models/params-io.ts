/**
 * Parameter (de)serialisation, in one place: a named list of float32 tensors <-> a JSON-safe
 * manifest (each tensor's name, shape, dtype and byte range) plus one byte buffer holding the
 * values little-endian, concatenated in manifest order. Loading restores the exact float32 values.
 * Every stored network (the dynamics and value ensembles, actors, critics) and optimiser state
 * goes through here; formats that wrap it (`modelgym.ensemble`) add their own fields around
 * `tensors` and `byteLength`.
 * @module
 */
import type * as Tf from '@tensorflow/tfjs';

/** One stored tensor. */
export interface TensorEntry {
  /** Unique within a manifest, e.g. `members/0/layers/1/w`. */
  name: string;
  shape: number[];
  dtype: 'float32';
  /** Byte offset into the bytes (multiple of 4). */
  offset: number;
  byteLength: number;
}

/** Where each tensor lies in the bytes. */
export interface ParamsManifest {
  tensors: TensorEntry[];
  /** Total length of the bytes. */
  byteLength: number;
}

/** A tensor's values as plain data (row-major). */
export interface NamedArray {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** A manifest and the bytes it describes. */
export interface EncodedParams {
  manifest: ParamsManifest;
  bytes: Uint8Array;
}

/** The name and shape a reader expects of a tensor. */
export interface ExpectedTensor {
  name: string;
  shape: readonly number[];
}

/** Raised for a manifest or byte buffer that is inconsistent (with itself or with what was expected). */
export class ParamsFormatError extends Error {
  override readonly name: string = 'ParamsFormatError';
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function fail(message: string): never {
  throw new ParamsFormatError(message);
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Lays the arrays out in order. Throws a RangeError for a shape that does not match its values. */
export function encodeArrays(arrays: readonly NamedArray[]): EncodedParams {
  const tensors: TensorEntry[] = [];
  let offset = 0;
  for (const { name, shape, values } of arrays) {
    if (sizeOf(shape) !== values.length) {
      throw new RangeError(`${name}: shape ${JSON.stringify(shape)} does not hold ${values.length} values`);
    }
    const byteLength = values.length * 4;
    tensors.push({ name, shape: [...shape], dtype: 'float32', offset, byteLength });
    offset += byteLength;
  }
  const bytes = new Uint8Array(offset);
  const view = new DataView(bytes.buffer);
  tensors.forEach((entry, i) => {
    const v = arrays[i]!.values;
    if (LITTLE_ENDIAN) bytes.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), entry.offset);
    else for (let j = 0; j < v.length; j++) view.setFloat32(entry.offset + 4 * j, v[j]!, true);
  });
  return { manifest: { tensors, byteLength: offset }, bytes };
}

/** Reads tensors back (`await data()`, which works on every backend) as {@link NamedArray}s. */
export async function readTensors(named: ReadonlyArray<readonly [string, Tf.Tensor]>): Promise<NamedArray[]> {
  const values = await Promise.all(named.map(([, t]) => t.data() as Promise<Float32Array>));
  return named.map(([name, t], i) => ({ name, shape: [...t.shape], values: values[i]! }));
}

/** {@link readTensors} then {@link encodeArrays}. */
export async function encodeTensors(
  named: ReadonlyArray<readonly [string, Tf.Tensor]>,
): Promise<EncodedParams> {
  return encodeArrays(await readTensors(named));
}

/** Throws unless the bytes are as long as the manifest says. */
export function checkByteLength(manifest: Pick<ParamsManifest, 'byteLength'>, bytes: Uint8Array): void {
  if (manifest.byteLength !== bytes.byteLength) {
    fail(`weights are ${bytes.byteLength} bytes, manifest says ${manifest.byteLength}`);
  }
}

/** The values of one entry (little-endian float32, read whatever the host's byte order). */
function readFloats(bytes: Uint8Array, entry: TensorEntry): Float32Array {
  const n = entry.byteLength / 4;
  const out = new Float32Array(n);
  const view = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, entry.byteLength);
  for (let j = 0; j < n; j++) out[j] = view.getFloat32(4 * j, true);
  return out;
}

/** Throws unless `entry` is a float32 tensor of `shape` inside the bytes. */
function checkEntry(entry: TensorEntry, shape: readonly number[], bytes: Uint8Array): void {
  const name = entry.name;
  if (entry.dtype !== 'float32') fail(`${name}: dtype must be float32`);
  if (JSON.stringify(entry.shape) !== JSON.stringify(shape)) {
    fail(`${name}: shape ${JSON.stringify(entry.shape)}, expected ${JSON.stringify(shape)}`);
  }
  if (
    entry.byteLength !== sizeOf(shape) * 4 ||
    !Number.isInteger(entry.offset) ||
    entry.offset < 0 ||
    entry.offset % 4 !== 0 ||
    entry.offset + entry.byteLength > bytes.byteLength
  ) {
    fail(`${name}: byte range out of bounds`);
  }
}

function validShape(shape: unknown): shape is number[] {
  return Array.isArray(shape) && shape.every((d) => Number.isInteger(d) && d >= 0);
}

/**
 * The tensors of a manifest, validated against the bytes, as a map by name. With `expected`, the
 * manifest must list exactly those tensors (any order) with those shapes, and the map holds them
 * in `expected` order; without it, every entry is checked on its own (unique name, valid shape).
 * @throws ParamsFormatError for anything inconsistent.
 */
export function decodeArrays(
  manifest: ParamsManifest,
  bytes: Uint8Array,
  expected?: readonly ExpectedTensor[],
): Map<string, NamedArray> {
  if (manifest === null || typeof manifest !== 'object') fail('manifest must be an object');
  checkByteLength(manifest, bytes);
  if (!Array.isArray(manifest.tensors)) fail('manifest.tensors must be an array');
  const out = new Map<string, NamedArray>();
  if (expected) {
    if (manifest.tensors.length !== expected.length) {
      fail(`manifest.tensors must list ${expected.length} tensors for this config`);
    }
    const byName = new Map(manifest.tensors.map((t) => [t?.name, t]));
    for (const want of expected) {
      const entry = byName.get(want.name) ?? fail(`manifest.tensors lacks ${want.name}`);
      checkEntry(entry, want.shape, bytes);
    }
    for (const want of expected) {
      const entry = byName.get(want.name)!;
      out.set(want.name, { name: want.name, shape: [...want.shape], values: readFloats(bytes, entry) });
    }
    return out;
  }
  for (const entry of manifest.tensors) {
    if (typeof entry?.name !== 'string') fail('manifest.tensors: every entry needs a name');
    if (out.has(entry.name)) fail(`manifest.tensors lists ${entry.name} twice`);
    if (!validShape(entry.shape)) fail(`${entry.name}: shape must be a list of non-negative integers`);
    checkEntry(entry, entry.shape, bytes);
    out.set(entry.name, { name: entry.name, shape: [...entry.shape], values: readFloats(bytes, entry) });
  }
  return out;
}

/**
 * {@link decodeArrays} as `tf.Variable`s (trainable unless told otherwise), in the map's order.
 * @throws ParamsFormatError for anything inconsistent (before any tensor is made).
 */
export function decodeVariables(
  tf: typeof Tf,
  manifest: ParamsManifest,
  bytes: Uint8Array,
  expected?: readonly ExpectedTensor[],
  trainable = true,
): Map<string, Tf.Variable> {
  const out = new Map<string, Tf.Variable>();
  for (const [name, { shape, values }] of decodeArrays(manifest, bytes, expected)) {
    out.set(
      name,
      tf.tidy(() => tf.variable(tf.tensor(values, shape), trainable)),
    );
  }
  return out;
}
