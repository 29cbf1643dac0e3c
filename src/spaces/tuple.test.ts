import { describe, expect, it } from 'vitest';
import { defaultRng } from '../rng/generator.ts';
import { Box } from './box.ts';
import { Discrete } from './discrete.ts';
import { SpaceValueError } from './space.ts';
import { Tuple } from './tuple.ts';

describe('Tuple', () => {
  const make = () => new Tuple([new Discrete(3), new Box(-1, 1, [2], 'float64')] as const);

  it('describes the sub-spaces in order', () => {
    expect(make().describe()).toEqual({
      type: 'Tuple',
      spaces: [
        { type: 'Discrete', dtype: 'int64', n: 3, start: 0 },
        { type: 'Box', dtype: 'float64', shape: [2], low: [-1, -1], high: [1, 1] },
      ],
    });
    expect(String(make())).toBe('Tuple(Discrete(3), Box(-1, 1, [2], float64))');
  });

  it('contains arrays of the right length, element-wise', () => {
    const t = make();
    expect(t.contains([2, [0, 0.5]])).toBe(true);
    expect(t.contains([3, [0, 0.5]])).toBe(false);
    expect(t.contains([2])).toBe(false);
    expect(t.contains({ 0: 2, 1: [0, 0] })).toBe(false);
  });

  it('parses arrays into arrays of canonical values', () => {
    const [d, b] = make().parse([1, [0.5, -0.5]]);
    expect(d).toBe(1);
    expect(b).toEqual(new Float64Array([0.5, -0.5]));
  });

  it.each([
    [{}, 'action: expected an array of 2 values, got an object'],
    [[1], 'action: expected 2 values, got 1'],
    [[1.5, [0, 0]], 'action[0] is 1.5, not an integer'],
    [[1, [0, Number.NaN]], 'action[1][1] is NaN'],
  ])('rejects %o', (value, message) => {
    expect(() => make().parse(value, 'action')).toThrow(SpaceValueError);
    expect(() => make().parse(value, 'action')).toThrow(message);
  });

  it('toJSON converts each element', () => {
    expect(make().toJSON([2, new Float64Array([0.5, 1])])).toEqual([2, [0.5, 1]]);
  });

  it('samples the sub-spaces in order from the one rng', () => {
    const a = defaultRng(9);
    const b = defaultRng(9);
    const [d, box] = make().sample(a);
    expect(d).toBe(new Discrete(3).sample(b));
    expect(box).toEqual(new Box(-1, 1, [2], 'float64').sample(b));
  });

  it('rejects non-spaces', () => {
    expect(() => new Tuple([new Discrete(2), {} as Discrete])).toThrow('Tuple space [1] is not a Space');
  });
});
