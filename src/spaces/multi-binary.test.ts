import { describe, expect, it } from 'vitest';
import { defaultRng } from '../rng/generator.ts';
import { MultiBinary } from './multi-binary.ts';
import { SpaceValueError } from './space.ts';

describe('MultiBinary', () => {
  it('describes itself', () => {
    expect(new MultiBinary(6).describe()).toEqual({ type: 'MultiBinary', dtype: 'int8', shape: [6] });
    expect(new MultiBinary([2, 3]).describe()).toEqual({ type: 'MultiBinary', dtype: 'int8', shape: [2, 3] });
    expect(String(new MultiBinary(6))).toBe('MultiBinary(6)');
  });

  it('rejects non-positive sizes', () => {
    expect(() => new MultiBinary(0)).toThrow(SpaceValueError);
    expect(() => new MultiBinary([2, -1])).toThrow(
      'MultiBinary shape[1] must be a non-negative integer, got -1',
    );
  });

  it('contains 0/1 arrays of the right shape', () => {
    const m = new MultiBinary([2, 2]);
    expect(
      m.contains([
        [0, 1],
        [1, 1],
      ]),
    ).toBe(true);
    expect(m.contains(new Int8Array([0, 1, 1, 0]))).toBe(true);
    expect(m.contains(new Float64Array([0, 1, 1, 0]))).toBe(true); // no dtype check in Gymnasium
    expect(
      m.contains([
        [true, false],
        [false, false],
      ]),
    ).toBe(true);
    expect(
      m.contains([
        [0, 2],
        [1, 1],
      ]),
    ).toBe(false);
    expect(m.contains([0, 1, 1, 0])).toBe(false);
    expect(m.contains([[0, 1]])).toBe(false);
  });

  it('parses into an Int8Array', () => {
    const m = new MultiBinary(3);
    const v = m.parse([1, 0, true]);
    expect(v).toBeInstanceOf(Int8Array);
    expect(Array.from(v)).toEqual([1, 0, 1]);
    expect(Array.from(m.parse(new Uint8Array([0, 0, 1])))).toEqual([0, 0, 1]);
  });

  it.each([
    [[1, 0, 3], 'action[2] is 3, expected 0 or 1'],
    [[1, 0, 0.5], 'action[2] is 0.5, not an integer'],
    [[1, Number.NaN, 0], 'action[1] is NaN'],
    [[1, 0], 'action: expected shape [3], got [2]'],
    [5, 'action: expected an array of shape [3], got the number 5'],
  ])('rejects %o', (value, message) => {
    const m = new MultiBinary(3);
    expect(() => m.parse(value, 'action')).toThrow(SpaceValueError);
    expect(() => m.parse(value, 'action')).toThrow(message);
  });

  it('toJSON nests by shape', () => {
    expect(new MultiBinary([2, 2]).toJSON(new Int8Array([1, 0, 0, 1]))).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('samples Int8Arrays of 0/1', () => {
    const m = new MultiBinary(9);
    const rng = defaultRng(5);
    for (let i = 0; i < 50; i++) {
      const v = m.sample(rng);
      expect(v).toBeInstanceOf(Int8Array);
      expect(m.contains(v)).toBe(true);
    }
  });
});
