import { describe, expect, it } from 'vitest';
import { defaultRng } from '../rng/generator.ts';
import { Discrete } from './discrete.ts';
import { SpaceValueError } from './space.ts';

describe('Discrete', () => {
  it('describes itself', () => {
    expect(new Discrete(3).describe()).toEqual({ type: 'Discrete', dtype: 'int64', n: 3, start: 0 });
    expect(new Discrete(5, -2).describe()).toEqual({ type: 'Discrete', dtype: 'int64', n: 5, start: -2 });
    expect(String(new Discrete(5, -2))).toBe('Discrete(5, start=-2)');
    expect(String(new Discrete(2))).toBe('Discrete(2)');
  });

  it.each([
    [() => new Discrete(0), 'Discrete n must be a positive integer, got 0'],
    [() => new Discrete(1.5), 'Discrete n must be a positive integer, got 1.5'],
    [() => new Discrete(2, 0.5), 'Discrete start must be an integer'],
  ])('rejects bad arguments (%#)', (make, message) => {
    expect(make).toThrow(SpaceValueError);
    expect(make).toThrow(message);
  });

  it('contains integers start <= x < start + n only', () => {
    const d = new Discrete(5, -2);
    expect([-2, 0, 2].map((x) => d.contains(x))).toEqual([true, true, true]);
    expect([-3, 3, 0.5, Number.NaN, '1', [0], null].map((x) => d.contains(x))).toEqual(
      new Array(7).fill(false),
    );
    expect(d.contains(1n)).toBe(true);
  });

  it('parses integers into numbers', () => {
    const d = new Discrete(2);
    expect(d.parse(1)).toBe(1);
    expect(d.parse(1n)).toBe(1);
    expect(d.parse(1.0)).toBe(1);
  });

  it.each([
    [4, 'action: 4 is outside Discrete(2)'],
    [-1, 'action: -1 is outside Discrete(2)'],
    [Number.NaN, 'action is NaN'],
    [Infinity, 'action is Infinity'],
    [0.5, 'action is 0.5, not an integer'],
    ['1', 'action is a string, expected an integer in [0, 2)'],
    [[1], 'action is an array, expected an integer in [0, 2)'],
    [undefined, 'action is undefined, expected an integer in [0, 2)'],
  ])('rejects %o', (value, message) => {
    const d = new Discrete(2);
    expect(() => d.parse(value, 'action')).toThrow(SpaceValueError);
    expect(() => d.parse(value, 'action')).toThrow(message);
  });

  it('mentions start in the range message', () => {
    expect(() => new Discrete(5, -2).parse(3, 'a')).toThrow('a: 3 is outside Discrete(5, start=-2)');
  });

  it('toJSON is the number', () => {
    expect(new Discrete(3).toJSON(2)).toBe(2);
  });

  it('samples every value, only values in the space', () => {
    const d = new Discrete(4, 10);
    const rng = defaultRng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const v = d.sample(rng);
      expect(d.contains(v)).toBe(true);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([10, 11, 12, 13]);
  });
});
