import { InvalidActionError } from '../envs/errors.ts';

type TensorDType = 'float32' | 'float64' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'bool';

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

/**
 * Reads a `{dtype, shape, data}` tensor (little-endian bytes: msgpack `bin` or base64 text in
 * JSON) into nested arrays of numbers, so the action space parses it like any other value.
 * Other values pass through unchanged; Dict/Tuple members may be tensors too.
 */
export function decodeWireAction(value: unknown): unknown {
  if (Array.isArray(value))
    return value.some((v) => typeof v === 'object') ? value.map(decodeWireAction) : value;
  if (!isTensor(value)) {
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeWireAction(v)]));
    }
    return value;
  }
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
  const flat = Array.from({ length: count }, (_, i) => read(bytes, i * size));
  return nest(flat, shape);
}

function nest(flat: number[], shape: number[]): unknown {
  if (shape.length === 0) return flat[0];
  if (shape.length === 1) return flat;
  const [head, ...rest] = shape as [number, ...number[]];
  const stride = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: head }, (_, i) => nest(flat.slice(i * stride, (i + 1) * stride), rest));
}
