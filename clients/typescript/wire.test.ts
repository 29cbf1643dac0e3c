import { describe, expect, it } from 'vitest';
import { decodeSpace, decodeValue, encodeAction } from './src/spaces.ts';
import { decodeTensor, encodeTensor } from './src/tensor.ts';
import { fromBase64, packMsgpack, toBase64, toWireValue, unpackMsgpack } from './src/wire.ts';

describe('wire helpers', () => {
  it('round-trips base64, bigger than one chunk', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);
    const text = toBase64(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(fromBase64(text)).toEqual(bytes);
  });

  it('makes bodies plain: no undefined, bigints and typed arrays as numbers, bytes per format', () => {
    const body = { a: undefined, b: [1n, undefined], c: new Float32Array([0.5]), d: new Uint8Array([1, 2]) };
    expect(toWireValue(body, 'msgpack')).toEqual({ b: [1, null], c: [0.5], d: new Uint8Array([1, 2]) });
    expect(toWireValue(body, 'json')).toEqual({ b: [1, null], c: [0.5], d: 'AQI=' });
    // Standard msgpack: a plain map with a bin member, nothing msgpackr-specific.
    const packed = packMsgpack(toWireValue(body, 'msgpack'));
    // fixmap(3) "b": [1, nil], "c": [float64 0.5], "d": bin8(2) 01 02.
    expect(Buffer.from(packed).toString('hex')).toBe('83a1629201c0a16391cb3fe0000000000000a164c4020102');
    const { d, ...rest } = unpackMsgpack(packed) as { d: Uint8Array };
    expect(rest).toEqual({ b: [1, null], c: [0.5] });
    expect(new Uint8Array(d)).toEqual(new Uint8Array([1, 2]));
  });

  it('decodes tensors from bytes (aligned or not) and base64, and encodes typed arrays', () => {
    const values = new Float32Array([1.5, -2, 3.25]);
    const tensor = encodeTensor(values, [3]);
    expect(tensor.dtype).toBe('float32');
    const unaligned = new Uint8Array(13).subarray(1);
    unaligned.set(tensor.data as Uint8Array);
    expect(decodeTensor({ ...tensor, data: unaligned }).data).toEqual(values);
    expect(decodeTensor({ ...tensor, data: toBase64(tensor.data as Uint8Array) }).data).toEqual(values);
    const ints = decodeTensor(encodeTensor(new BigInt64Array([3n, -1n]), [2]));
    expect(ints).toEqual({ dtype: 'int64', shape: [2], data: new BigInt64Array([3n, -1n]) });
    expect(() => decodeTensor({ dtype: 'float64', shape: [2], data: new Uint8Array(8) })).toThrow(RangeError);
  });

  it('decodes spaces and observations, Dict and Tuple included', () => {
    const space = decodeSpace({
      type: 'Dict',
      spaces: {
        pos: {
          type: 'Box',
          dtype: 'float32',
          shape: [2, 2],
          low: ['-inf', 0, 0, 0],
          high: ['inf', 1, 1, 'nan'],
        },
        mode: { type: 'Discrete', dtype: 'int64', n: 3, start: 0 },
        bits: { type: 'Tuple', spaces: [{ type: 'MultiBinary', dtype: 'int8', shape: [2] }] },
      },
    });
    const pos = (space.spaces as Record<string, { low?: number[]; high?: number[] }>).pos!;
    expect(pos.low).toEqual([Number.NEGATIVE_INFINITY, 0, 0, 0]);
    expect(pos.high?.[3]).toBeNaN();
    const obs = decodeValue(space, {
      pos: [
        [0.5, 1],
        [2, 3],
      ],
      mode: 2,
      bits: [[1, 0]],
    });
    expect(obs).toEqual({ pos: new Float32Array([0.5, 1, 2, 3]), mode: 2, bits: [new Int8Array([1, 0])] });
    expect(decodeValue({ type: 'Box', dtype: 'float64', shape: [2] }, ['-inf', 1])).toEqual(
      new Float64Array([Number.NEGATIVE_INFINITY, 1]),
    );
  });

  it('encodes typed-array actions as tensors shaped like the space', () => {
    const box = { type: 'Box' as const, dtype: 'float32' as const, shape: [2, 2] };
    const action = encodeAction(box, new Float32Array([1, 2, 3, 4])) as { shape: number[]; dtype: string };
    expect(action).toMatchObject({ dtype: 'float32', shape: [2, 2] });
    const rows = encodeAction(box, [new Float32Array([1, 2]), new Float32Array([3, 4])]);
    expect(rows).toMatchObject({ dtype: 'float64', shape: [2, 2] });
    expect(encodeAction({ type: 'Discrete', n: 2 }, 1)).toBe(1);
    expect(encodeAction(undefined, { a: [1, 2], b: new Int32Array([7]) })).toMatchObject({
      a: [1, 2],
      b: { dtype: 'int32', shape: [1] },
    });
  });
});
