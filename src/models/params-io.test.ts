import type * as Tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf, type TfModule } from '../tensor/backend.ts';
import {
  decodeArrays,
  decodeVariables,
  encodeArrays,
  encodeTensors,
  ParamsFormatError,
  type ParamsManifest,
} from './params-io.ts';

describe('params-io', () => {
  let tf: TfModule;
  beforeAll(async () => {
    tf = await loadTf();
  });

  const arrays = () => [
    { name: 'actor/layers/0/w', shape: [2, 3], values: Float32Array.of(1, -2, 3.5, 0.1, 1e-30, -0) },
    { name: 'actor/layers/0/b', shape: [3], values: Float32Array.of(Number.POSITIVE_INFINITY, 0, 7) },
    { name: 'log_alpha', shape: [], values: Float32Array.of(-1.25) },
  ];

  it('lays tensors out in order, little-endian float32, with their byte ranges', () => {
    const { manifest, bytes } = encodeArrays(arrays());
    expect(manifest).toEqual({
      tensors: [
        { name: 'actor/layers/0/w', shape: [2, 3], dtype: 'float32', offset: 0, byteLength: 24 },
        { name: 'actor/layers/0/b', shape: [3], dtype: 'float32', offset: 24, byteLength: 12 },
        { name: 'log_alpha', shape: [], dtype: 'float32', offset: 36, byteLength: 4 },
      ],
      byteLength: 40,
    });
    const view = new DataView(bytes.buffer);
    expect(view.getFloat32(8, true)).toBe(3.5);
    expect(view.getFloat32(36, true)).toBe(-1.25);
    expect(view.getUint32(0, true)).toBe(0x3f800000); // 1.0f
  });

  it('round-trips exact values through JSON and bytes, in any manifest order', () => {
    const { manifest, bytes } = encodeArrays(arrays());
    const parsed = JSON.parse(JSON.stringify(manifest)) as ParamsManifest;
    const all = decodeArrays(parsed, bytes.slice());
    expect([...all.keys()]).toEqual(arrays().map((a) => a.name));
    for (const a of arrays()) expect(all.get(a.name)).toEqual(a);
    // Reversed entries, read with an expected list: its order wins.
    const reversed = { ...parsed, tensors: [...parsed.tensors].reverse() };
    const expected = arrays().map(({ name, shape }) => ({ name, shape }));
    const byExpected = decodeArrays(reversed, bytes, expected);
    expect([...byExpected.keys()]).toEqual(expected.map((e) => e.name));
    expect(byExpected.get('actor/layers/0/w')!.values).toEqual(arrays()[0]!.values);
    // A view into a larger buffer reads the same.
    const padded = new Uint8Array(bytes.byteLength + 8);
    padded.set(bytes, 8);
    expect(decodeArrays(parsed, padded.subarray(8)).get('log_alpha')!.values).toEqual(Float32Array.of(-1.25));
  });

  it('encodes tensors and decodes variables without leaking', async () => {
    const tensors: Array<[string, Tf.Tensor]> = arrays().map((a) => [a.name, tf.tensor(a.values, a.shape)]);
    const { manifest, bytes } = await encodeTensors(tensors);
    expect(bytes).toEqual(encodeArrays(arrays()).bytes);
    const before = tf.memory().numTensors;
    const vars = decodeVariables(tf, manifest, bytes);
    expect(tf.memory().numTensors).toBe(before + 3);
    const w = vars.get('actor/layers/0/w')!;
    expect(w.shape).toEqual([2, 3]);
    expect(w.trainable).toBe(true);
    expect(w.dataSync()).toEqual(arrays()[0]!.values);
    const frozen = decodeVariables(tf, manifest, bytes, undefined, false);
    expect(frozen.get('log_alpha')!.trainable).toBe(false);
    for (const v of [...vars.values(), ...frozen.values()]) v.dispose();
    expect(tf.memory().numTensors).toBe(before);
    for (const [, t] of tensors) t.dispose();
  });

  it('rejects manifests and bytes that disagree', () => {
    const { manifest, bytes } = encodeArrays(arrays());
    const bad = (patch: (m: ParamsManifest) => void, b = bytes) => {
      const m = structuredClone(manifest);
      patch(m);
      return () => decodeArrays(m, b);
    };
    expect(bad(() => {}, bytes.subarray(4))).toThrow(ParamsFormatError);
    expect(bad(() => {}, bytes.subarray(4))).toThrow(/bytes/);
    expect(bad((m) => (m.tensors[1]!.name = m.tensors[0]!.name))).toThrow(/twice/);
    expect(bad((m) => (m.tensors[0]!.shape = [3, 3]))).toThrow(/byte range/);
    expect(bad((m) => (m.tensors[0]!.shape = [2, -3]))).toThrow(/shape/);
    expect(bad((m) => (m.tensors[2]!.offset = 38))).toThrow(/byte range/);
    expect(bad((m) => (m.tensors[2]!.offset = 40))).toThrow(/byte range/);
    expect(bad((m) => (m.tensors[0]!.dtype = 'int32' as never))).toThrow(/dtype/);
    const expected = arrays().map(({ name, shape }) => ({ name, shape }));
    expect(() => decodeArrays(manifest, bytes, expected.slice(1))).toThrow(/must list 2 tensors/);
    expect(() => decodeArrays(manifest, bytes, [{ name: 'x', shape: [1] }, ...expected.slice(1)])).toThrow(
      /lacks x/,
    );
    expect(() =>
      decodeArrays(manifest, bytes, [{ name: expected[0]!.name, shape: [3, 2] }, ...expected.slice(1)]),
    ).toThrow(/shape \[2,3\], expected \[3,2\]/);
    expect(() => encodeArrays([{ name: 'x', shape: [2], values: new Float32Array(3) }])).toThrow(RangeError);
  });
});
