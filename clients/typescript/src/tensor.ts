import type { components } from './generated/openapi.ts';
import { fromBase64 } from './wire.ts';

/** A wire tensor: `{dtype, shape, data}` with little-endian bytes (base64 text in JSON). */
export type Tensor = components['schemas']['Tensor'];

/** Element types of tensors and spaces. */
export type DType = Tensor['dtype'];

/** The typed arrays the client answers: one per dtype (`bool` as `Uint8Array`, `int64` as `BigInt64Array`). */
export type TypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | BigInt64Array;

/** A decoded tensor: a flat, row-major typed array with its dtype and shape. */
export interface NDArray<T extends TypedArray = TypedArray> {
  dtype: DType;
  shape: number[];
  data: T;
}

type Ctor = {
  new (length: number): TypedArray;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): TypedArray;
  readonly BYTES_PER_ELEMENT: number;
};

const arrays: Record<DType, Ctor> = {
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint8: Uint8Array,
  bool: Uint8Array,
};

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function checkEndianness(): void {
  if (!littleEndian) throw new Error('modelgym: binary tensors need a little-endian host');
}

/** Whether a value is a typed array the client can send (any numeric typed array). */
export function isTypedArray(value: unknown): value is ArrayBufferView & ArrayLike<number | bigint> {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** Whether a value has the shape of a wire tensor. */
export function isTensor(value: unknown): value is Tensor {
  return (
    typeof value === 'object' && value !== null && 'dtype' in value && 'shape' in value && 'data' in value
  );
}

/** The dtype of a typed array, or `undefined` for ones the API has no dtype for (Uint16Array, ...). */
export function dtypeOf(array: ArrayBufferView): DType | undefined {
  if (array instanceof Float32Array) return 'float32';
  if (array instanceof Float64Array) return 'float64';
  if (array instanceof Int8Array) return 'int8';
  if (array instanceof Int16Array) return 'int16';
  if (array instanceof Int32Array) return 'int32';
  if (array instanceof BigInt64Array) return 'int64';
  if (array instanceof Uint8Array || array instanceof Uint8ClampedArray) return 'uint8';
  return undefined;
}

/** A typed array of a dtype holding `values` (int64 values become bigints; they must be integers). */
export function typedArrayOf(dtype: DType, values: ArrayLike<number | bigint>): TypedArray {
  if (dtype === 'int64') return BigInt64Array.from(values as ArrayLike<number | bigint>, (v) => BigInt(v));
  const out = new arrays[dtype](values.length) as Exclude<TypedArray, BigInt64Array>;
  for (let i = 0; i < values.length; i++) out[i] = Number(values[i]);
  return out;
}

/** Reads a wire tensor (bytes or base64 text) as a typed array; copies only unaligned bytes. */
export function decodeTensor(tensor: Tensor): NDArray {
  checkEndianness();
  const { dtype, shape, data } = tensor;
  let bytes: Uint8Array;
  if (typeof data === 'string') bytes = fromBase64(data);
  else if (data instanceof Uint8Array) bytes = data;
  else throw new TypeError('tensor data must be bytes or base64 text');
  const Array_ = arrays[dtype];
  const size = Array_.BYTES_PER_ELEMENT;
  if (bytes.byteOffset % size !== 0) bytes = bytes.slice();
  const count = shape.reduce((a, b) => a * b, 1);
  if (bytes.byteLength !== count * size) {
    throw new RangeError(
      `tensor [${shape.join(', ')}] ${dtype} needs ${count * size} bytes, got ${bytes.byteLength}`,
    );
  }
  return { dtype, shape, data: new Array_(bytes.buffer, bytes.byteOffset, count) };
}

/** A wire tensor of a typed array (its bytes are shared, not copied). */
export function encodeTensor(data: TypedArray, shape: number[], dtype = dtypeOf(data)): Tensor {
  checkEndianness();
  if (!dtype) throw new TypeError(`no tensor dtype for ${data.constructor.name}`);
  return { dtype, shape, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
