import { InvalidActionError } from '../envs/errors.ts';
import type { Space, SpaceValue } from '../spaces/space.ts';

/** Element types of wire tensors. */
export type TensorDType = 'float32' | 'float64' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'bool';

/** A wire tensor: little-endian bytes with dtype and shape (`data` is base64 text in JSON). */
export interface WireTensor {
  dtype: TensorDType;
  shape: number[];
  data: Uint8Array;
}

type Elements = Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | Uint8Array;

/** Element size and little-endian reader of each tensor dtype. */
const dtypes: Record<TensorDType, { bytes: number; read: (b: Buffer, offset: number) => number }> = {
  float32: { bytes: 4, read: (b, o) => b.readFloatLE(o) },
  float64: { bytes: 8, read: (b, o) => b.readDoubleLE(o) },
  int8: { bytes: 1, read: (b, o) => b.readInt8(o) },
  int16: { bytes: 2, read: (b, o) => b.readInt16LE(o) },
  int32: { bytes: 4, read: (b, o) => b.readInt32LE(o) },
  int64: { bytes: 8, read: (b, o) => Number(b.readBigInt64LE(o)) },
  uint8: { bytes: 1, read: (b, o) => b.readUInt8(o) },
  bool: { bytes: 1, read: (b, o) => b.readUInt8(o) },
};

function isTensor(x: unknown): x is { dtype: TensorDType; shape: number[]; data: unknown } {
  return typeof x === 'object' && x !== null && 'dtype' in x && 'shape' in x && 'data' in x;
}

/** A decoded tensor: flat numbers (int64 as doubles) plus shape. */
export interface DecodedTensor {
  shape: number[];
  values: Float64Array | Float32Array | Int8Array | Int16Array | Int32Array | Uint8Array;
}

/**
 * Reads a wire tensor (schema-validated: known dtype, integer shape). Float32 data stays a
 * Float32Array, so float32 actions reach the space without a detour through float64 text.
 */
export function decodeTensor(value: { dtype: TensorDType; shape: number[]; data: unknown }): DecodedTensor {
  const { dtype, shape, data } = value;
  const bytes =
    typeof data === 'string'
      ? Buffer.from(data, 'base64')
      : data instanceof Uint8Array
        ? Buffer.from(data)
        : undefined;
  if (!bytes) throw new InvalidActionError('tensor data must be bytes (msgpack bin) or base64 text (JSON)');
  const { bytes: size, read } = dtypes[dtype];
  const count = shape.reduce((a, b) => a * b, 1);
  if (bytes.byteLength !== count * size) {
    throw new InvalidActionError(
      `tensor of shape [${shape.join(', ')}] and dtype ${dtype} needs ${count * size} bytes, got ${bytes.byteLength}`,
    );
  }
  const values = dtype === 'float32' ? new Float32Array(count) : new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = read(bytes, i * size);
  return { shape, values };
}

function nest(flat: ArrayLike<number>, shape: number[], offset = 0): unknown {
  if (shape.length === 0) return flat[offset];
  const [head, ...rest] = shape as [number, ...number[]];
  const stride = rest.reduce((a, b) => a * b, 1);
  if (rest.length === 0) return Array.from({ length: head }, (_, i) => flat[offset + i]);
  return Array.from({ length: head }, (_, i) => nest(flat, rest, offset + i * stride));
}

/**
 * Turns tensors inside an action into values the action space parses (typed arrays keep their
 * float32 values); other values pass through. Dict/Tuple members may be tensors too.
 */
export function decodeWireAction(value: unknown): unknown {
  if (isTensor(value)) {
    const { shape, values } = decodeTensor(value);
    return shape.length <= 1 ? (shape.length === 0 ? values[0] : values) : nest(values, shape);
  }
  if (Array.isArray(value))
    return value.some((v) => typeof v === 'object') ? value.map(decodeWireAction) : value;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeWireAction(v)]));
  }
  return value;
}

/**
 * Splits a batched action — a tensor whose first axis is the batch, or an array — into one
 * wire value per sub-env. A float32 tensor row is a Float32Array view (no copy).
 */
export function splitRows(value: unknown, n: number): unknown[] {
  if (isTensor(value)) {
    const { shape, values } = decodeTensor(value);
    if (shape[0] !== n)
      throw new InvalidActionError(`expected a batch of ${n} actions, got shape [${shape.join(', ')}]`);
    const rowShape = shape.slice(1);
    const stride = rowShape.reduce((a, b) => a * b, 1);
    return Array.from({ length: n }, (_, i) =>
      rowShape.length === 0
        ? values[i]
        : rowShape.length === 1
          ? values.subarray(i * stride, (i + 1) * stride)
          : nest(values, rowShape, i * stride),
    );
  }
  if (!Array.isArray(value)) throw new InvalidActionError('a batched action must be a tensor or an array');
  if (value.length !== n)
    throw new InvalidActionError(`expected ${n} actions (one per sub-env), got ${value.length}`);
  return value.map(decodeWireAction);
}

/** Makes a wire tensor of a typed array (its bytes are shared, not copied). */
export function toWireTensor(values: Elements, dtype: TensorDType, shape: number[]): WireTensor {
  return { dtype, shape, data: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) };
}

const boxArrays: Partial<Record<string, { new (n: number): Elements }>> = {
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  uint8: Uint8Array,
  bool: Uint8Array,
};

/**
 * A batch of space values for the wire: one `[n, ...shape]` tensor for Box, Discrete,
 * MultiBinary and MultiDiscrete spaces (int64 as little-endian int64), otherwise (Dict, Tuple,
 * or `nested` requested) an array of the values as nested arrays.
 */
export function batchToWire(space: Space, values: SpaceValue[], format: 'tensor' | 'nested'): unknown {
  const d = space.describe();
  if (format === 'nested' || d.type === 'Dict' || d.type === 'Tuple')
    return values.map((v) => space.toJSON(v as never));
  const n = values.length;
  const shape = d.type === 'Discrete' ? [] : d.shape;
  const size = shape.reduce((a, b) => a * b, 1);
  const dtype = d.dtype as TensorDType;
  if (dtype === 'int64') {
    const out = new BigInt64Array(n * size);
    values.forEach((v, i) => {
      if (typeof v === 'number') out[i] = BigInt(v);
      else for (let j = 0; j < size; j++) out[i * size + j] = BigInt((v as ArrayLike<number>)[j]!);
    });
    return { dtype, shape: [n, ...shape], data: new Uint8Array(out.buffer) };
  }
  const Kind = boxArrays[dtype];
  if (!Kind) throw new Error(`no tensor layout for dtype ${dtype}`);
  const out = new Kind(n * size);
  values.forEach((v, i) => {
    if (typeof v === 'number') out[i] = v;
    else out.set(v as ArrayLike<number>, i * size);
  });
  return toWireTensor(out, dtype, [n, ...shape]);
}
