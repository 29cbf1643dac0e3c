import { describe, expect, it } from 'vitest';
import { defaultRng } from '../rng/generator.ts';
import { MultiDiscrete } from './multi-discrete.ts';
import { SpaceValueError } from './space.ts';

describe('MultiDiscrete', () => {
  it('describes itself, nested nvec flattened row-major', () => {
    expect(new MultiDiscrete([3, 5, 7]).describe()).toEqual({
      type: 'MultiDiscrete',
      dtype: 'int64',
      shape: [3],
      nvec: [3, 5, 7],
      start: [0, 0, 0],
    });
    const m = new MultiDiscrete(
      [
        [2, 3],
        [4, 5],
      ],
      [
        [0, -1],
        [10, 100],
      ],
    );
    expect(m.describe()).toEqual({
      type: 'MultiDiscrete',
      dtype: 'int64',
      shape: [2, 2],
      nvec: [2, 3, 4, 5],
      start: [0, -1, 10, 100],
    });
    expect(String(m)).toBe('MultiDiscrete([[2,3],[4,5]], start=[[0,-1],[10,100]])');
  });

  it.each([
    [() => new MultiDiscrete([3, 0]), 'MultiDiscrete nvec[1] must be positive, got 0'],
    [() => new MultiDiscrete([3, 1.5]), 'MultiDiscrete nvec[1] is 1.5, not an integer'],
    [() => new MultiDiscrete([3, 2], [0]), 'MultiDiscrete start: expected shape [2], got [1]'],
    [
      () => new MultiDiscrete([1, 2, 3, 4], undefined, [3]),
      'MultiDiscrete nvec: expected shape [3], got [4]',
    ],
  ])('rejects bad arguments (%#)', (make, message) => {
    expect(make).toThrow(SpaceValueError);
    expect(make).toThrow(message);
  });

  it('contains integers within [start, start + nvec)', () => {
    const m = new MultiDiscrete([3, 5], [0, -2]);
    expect(m.contains([2, -2])).toBe(true);
    expect(m.contains(new Float64Array([0, 2]))).toBe(true);
    expect(m.contains(new Int32Array([0, 2]))).toBe(true);
    expect(m.contains([3, 0])).toBe(false);
    expect(m.contains([0, 3])).toBe(false);
    expect(m.contains([0, -3])).toBe(false);
    expect(m.contains([0.5, 0])).toBe(false);
    expect(m.contains([0])).toBe(false);
  });

  it('parses into a Float64Array of integers', () => {
    const m = new MultiDiscrete([3, 5]);
    const v = m.parse([2, 4n]);
    expect(v).toBeInstanceOf(Float64Array);
    expect(Array.from(v)).toEqual([2, 4]);
  });

  it.each([
    [[2, 5], 'action[1] is 5, outside [0, 5)'],
    [[-1, 0], 'action[0] is -1, outside [0, 3)'],
    [[1.5, 0], 'action[0] is 1.5, not an integer'],
    [[Number.NaN, 0], 'action[0] is NaN'],
    [[1, 2, 3], 'action: expected shape [2], got [3]'],
  ])('rejects %o', (value, message) => {
    const m = new MultiDiscrete([3, 5]);
    expect(() => m.parse(value, 'action')).toThrow(SpaceValueError);
    expect(() => m.parse(value, 'action')).toThrow(message);
  });

  it('uses nested indices for multi-dimensional spaces', () => {
    const m = new MultiDiscrete([
      [2, 2],
      [2, 2],
    ]);
    expect(() => m.parse([0, 0, 0, 2], 'a')).toThrow('a[1][1] is 2, outside [0, 2)');
  });

  it('toJSON nests by shape', () => {
    expect(new MultiDiscrete([[2, 2]]).toJSON(new Float64Array([1, 0]))).toEqual([[1, 0]]);
  });

  it('samples inside the space', () => {
    const m = new MultiDiscrete([2, 3, 50], [5, -5, 0]);
    const rng = defaultRng(11);
    for (let i = 0; i < 100; i++) expect(m.contains(m.sample(rng))).toBe(true);
  });
});
