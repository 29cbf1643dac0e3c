import { describe, expect, it } from 'vitest';
import { defaultRng } from '../rng/generator.ts';
import { Box } from './box.ts';
import { Dict } from './dict.ts';
import { Discrete } from './discrete.ts';
import { spaceFromDescription } from './from-description.ts';
import { MultiBinary } from './multi-binary.ts';
import { MultiDiscrete } from './multi-discrete.ts';
import { type Space, SpaceValueError } from './space.ts';
import { Tuple } from './tuple.ts';

const spaces: [string, Space][] = [
  ['Box float32', new Box(-1, 1, [3])],
  ['Box 2-D per-element', new Box([0.1, -2, 3, 4], [1, 2, 5, Infinity], [2, 2], 'float64')],
  ['Box mixed infinite', new Box([-1, -Infinity, 0.5, -Infinity], [1, 2, Infinity, Infinity], [4])],
  ['Box int8 unbounded', new Box(-Infinity, Infinity, [3], 'int8')],
  ['Box uint8 image', new Box(0, 255, [4, 4, 3], 'uint8')],
  ['Box bool', new Box(0, 1, [2], 'bool')],
  ['Box scalar', new Box(0, 1, [], 'float64')],
  ['Discrete', new Discrete(5, -2)],
  ['MultiBinary', new MultiBinary([2, 3])],
  ['MultiDiscrete', new MultiDiscrete([[2, 3]], [[1, -1]])],
  [
    'nested',
    new Dict({
      b: new Tuple([new Discrete(2), new MultiBinary(3)]),
      a: new Dict({ y: new Box(0, 1, [1]), x: new Discrete(3) }),
    }),
  ],
  ['empty Tuple', new Tuple([])],
];

describe('spaceFromDescription', () => {
  it.each(spaces)('round-trips describe() for %s, through JSON too', (_name, space) => {
    const desc = space.describe();
    const back = spaceFromDescription(desc);
    expect(back.describe()).toEqual(desc);
    expect(back.constructor).toBe(space.constructor);
    // Through JSON, with ±Infinity written as "inf"/"-inf" (as the JSON codec writes them).
    const json = JSON.stringify(desc, (_k, v) => (v === Infinity ? 'inf' : v === -Infinity ? '-inf' : v));
    expect(spaceFromDescription(JSON.parse(json)).describe()).toEqual(desc);
    // Same draws from the rebuilt space.
    expect(back.toJSON(back.sample(defaultRng(2)))).toEqual(space.toJSON(space.sample(defaultRng(2))));
  });

  it('sorts Dict keys from a description', () => {
    const d = spaceFromDescription({
      type: 'Dict',
      spaces: { b: { type: 'Discrete', n: 2 }, a: { type: 'Discrete', n: 3 } },
    });
    expect((d as Dict).keys).toEqual(['a', 'b']);
  });

  it('fills the defaults Gymnasium has', () => {
    expect(spaceFromDescription({ type: 'Discrete', n: 3 }).describe()).toEqual(new Discrete(3).describe());
    expect(spaceFromDescription({ type: 'MultiDiscrete', nvec: [2, 3] }).describe()).toEqual(
      new MultiDiscrete([2, 3]).describe(),
    );
  });

  it.each([
    [null, 'space: expected a space description object, got null'],
    [[], 'space: expected a space description object, got an array'],
    [
      { type: 'Graph' },
      'space.type must be one of Box, Discrete, MultiBinary, MultiDiscrete, Dict, Tuple, got "Graph"',
    ],
    [{ type: 'Box', dtype: 'float16', shape: [1], low: [0], high: [1] }, 'space.dtype must be one of'],
    [
      { type: 'Box', dtype: 'float32', shape: [2], low: [0], high: [1, 1] },
      'space.low must have 2 values (one per element), got 1',
    ],
    [
      { type: 'Box', dtype: 'float32', shape: [1], low: ['-infinity'], high: [1] },
      'space.low[0] must be a number or "inf"/"-inf", got "-infinity"',
    ],
    [
      { type: 'Box', dtype: 'float32', shape: [1], low: [2], high: [1] },
      'space: Box low[0] (2) is greater than high[0] (1)',
    ],
    [{ type: 'Box', dtype: 'float32', shape: [1], low: [Number.NaN], high: [1] }, 'space: Box low[0] is NaN'],
    [
      { type: 'Box', dtype: 'float32', shape: [1.5], low: [0], high: [1] },
      'space.shape[0] must be a non-negative integer, got 1.5',
    ],
    [
      { type: 'Box', dtype: 'float32', shape: 3, low: [0], high: [1] },
      'space.shape must be an array of integers, got the number 3',
    ],
    [{ type: 'Discrete', n: 0 }, 'space: Discrete n must be a positive integer, got 0'],
    [{ type: 'Discrete', n: '3' }, 'space.n must be an integer, got "3"'],
    [{ type: 'Discrete', dtype: 'int32', n: 3 }, 'space.dtype must be int64, got "int32"'],
    [
      { type: 'MultiBinary', shape: [1e4, 1e4] },
      'space.shape [10000, 10000] has more than 16777216 elements',
    ],
    [{ type: 'MultiBinary', shape: [1e9, 1e9] }, 'space.shape [1000000000, 1000000000] is too large'],
    [{ type: 'MultiDiscrete', nvec: [2, 3], shape: [3] }, 'space.nvec has 2 values, shape [3] needs 3'],
    [{ type: 'MultiDiscrete', nvec: [2, 3], start: [0] }, 'space.start has 1 values, expected 2'],
    [{ type: 'MultiDiscrete', nvec: [2, -3] }, 'space: MultiDiscrete nvec[1] must be positive, got -3'],
    [{ type: 'Dict', spaces: [] }, 'space.spaces must be an object, got an array'],
    [
      { type: 'Dict', spaces: { a: { type: 'Discrete', n: -1 } } },
      'space.spaces["a"]: Discrete n must be a positive integer',
    ],
    [
      { type: 'Tuple', spaces: [{ type: 'Discrete', n: 2 }, { type: 'Nope' }] },
      'space.spaces[1].type must be one of',
    ],
  ])('rejects %o', (desc, message) => {
    expect(() => spaceFromDescription(desc)).toThrow(SpaceValueError);
    expect(() => spaceFromDescription(desc)).toThrow(message);
  });

  it('refuses absurd nesting', () => {
    let desc: unknown = { type: 'Discrete', n: 2 };
    for (let i = 0; i < 100; i++) desc = { type: 'Tuple', spaces: [desc] };
    expect(() => spaceFromDescription(desc)).toThrow('nested deeper than 32 levels');
  });
});
