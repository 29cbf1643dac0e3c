import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf, type TfModule } from '../tensor/backend.ts';
import { polyakUpdate } from './polyak.ts';

describe('polyakUpdate', () => {
  let tf: TfModule;
  beforeAll(async () => {
    tf = await loadTf();
  });

  it('moves the targets by tau towards the sources, in place, leaking nothing', () => {
    const target = [tf.variable(tf.tensor1d([1, 2, -4])), tf.variable(tf.tensor2d([[8]]))];
    const source = [tf.tensor1d([3, 6, 4]), tf.tensor2d([[0]])];
    const before = tf.memory().numTensors;
    polyakUpdate(tf, target, source, 0.25);
    expect(tf.memory().numTensors).toBe(before);
    // 0.25 * s + 0.75 * t, exact in float32 for these numbers.
    expect(Array.from(target[0]!.dataSync())).toEqual([1.5, 3, -2]);
    expect(Array.from(target[1]!.dataSync())).toEqual([6]);
    polyakUpdate(tf, target, source, 0.5);
    expect(Array.from(target[0]!.dataSync())).toEqual([2.25, 4.5, 1]);
    expect(Array.from(target[1]!.dataSync())).toEqual([3]);
    // SAC's tau: the float32 arithmetic of 0.005 s + 0.995 t.
    polyakUpdate(tf, target, source, 0.005);
    const want = [2.25, 4.5, 1].map((t, i) =>
      Math.fround(Math.fround(Math.fround(0.005) * [3, 6, 4][i]!) + Math.fround(Math.fround(1 - 0.005) * t)),
    );
    expect(Array.from(target[0]!.dataSync())).toEqual(want);
    expect(tf.memory().numTensors).toBe(before);
    // The sources are untouched.
    expect(Array.from(source[0]!.dataSync())).toEqual([3, 6, 4]);
    for (const t of [...target, ...source]) t.dispose();
  });

  it('tau = 1 copies exactly (even over a non-finite target), tau = 0 changes nothing', () => {
    const target = [tf.variable(tf.tensor1d([Number.POSITIVE_INFINITY, 0.1]))];
    const source = [tf.tensor1d([0.3, -0.7])];
    polyakUpdate(tf, target, source, 0);
    expect(Array.from(target[0]!.dataSync())).toEqual([Number.POSITIVE_INFINITY, Math.fround(0.1)]);
    const before = tf.memory().numTensors;
    polyakUpdate(tf, target, source, 1);
    expect(tf.memory().numTensors).toBe(before);
    expect(target[0]!.dataSync()).toEqual(source[0]!.dataSync());
    // The copy is the target's own: disposing the source leaves it readable.
    source[0]!.dispose();
    expect(Array.from(target[0]!.dataSync())).toEqual([Math.fround(0.3), Math.fround(-0.7)]);
    target[0]!.dispose();
  });

  it('refuses mismatched lists, shapes or tau before changing anything', () => {
    const target = [tf.variable(tf.tensor1d([1, 2])), tf.variable(tf.tensor1d([3]))];
    const good = tf.tensor1d([5, 5]);
    const bad = tf.tensor1d([1, 2]);
    expect(() => polyakUpdate(tf, target, [good], 0.5)).toThrow(/targets/);
    expect(() => polyakUpdate(tf, target, [good, bad], 0.5)).toThrow(/shape/);
    expect(() => polyakUpdate(tf, target.slice(0, 1), [good], 1.5)).toThrow(/tau/);
    expect(() => polyakUpdate(tf, target.slice(0, 1), [good], Number.NaN)).toThrow(/tau/);
    expect(Array.from(target[0]!.dataSync())).toEqual([1, 2]);
    for (const t of [...target, good, bad]) t.dispose();
  });
});
