import { describe, expect, it } from 'vitest';
import { defaultRng } from '../rng/generator.ts';
import { Box } from './box.ts';
import { SpaceValueError } from './space.ts';

describe('Box construction and describe()', () => {
  it('broadcasts scalar bounds and rounds them to float32', () => {
    const box = new Box(-0.1, 0.1, [2, 2]);
    expect(box.dtype).toBe('float32');
    expect(box.describe()).toEqual({
      type: 'Box',
      dtype: 'float32',
      shape: [2, 2],
      low: new Array(4).fill(Math.fround(-0.1)),
      high: new Array(4).fill(Math.fround(0.1)),
    });
  });

  it("infers the shape from array bounds, else [1] (Gymnasium's rule)", () => {
    expect(new Box([-1, 0], [1, 2]).shape).toEqual([2]);
    expect(new Box(0, [[1, 2, 3]]).shape).toEqual([1, 3]);
    expect(new Box(0, 1).shape).toEqual([1]);
  });

  it('accepts flat per-element bounds with an explicit shape, row-major', () => {
    const box = new Box([0, 1, 2, 3, 4, 5], 10, [2, 3], 'float64');
    expect(box.low).toEqual([0, 1, 2, 3, 4, 5]);
    expect(box.toString()).toBe('Box([0, 1, 2, 3, 4, 5], 10, [2, 3], float64)');
  });

  it('keeps ±Infinity bounds, integer dtypes included', () => {
    const f = new Box(-Infinity, Infinity, [2], 'float64');
    expect(f.describe()).toMatchObject({ low: [-Infinity, -Infinity], high: [Infinity, Infinity] });
    const i = new Box([-Infinity, 0], [5, Infinity], [2], 'int32');
    expect(i.describe()).toMatchObject({ low: [-Infinity, 0], high: [5, Infinity] });
  });

  it('describe() returns fresh arrays', () => {
    const box = new Box(0, 1, [2]);
    const d = box.describe() as { low: number[] };
    d.low[0] = 42;
    expect(box.low[0]).toBe(0);
  });

  it.each([
    [() => new Box(1, 0, [1]), 'Box low[0] (1) is greater than high[0] (0)'],
    [() => new Box(Number.NaN, 1, [1]), 'Box low[0] is NaN'],
    [() => new Box(0, [1, 2], [3]), 'Box high: expected shape [3], got [2]'],
    [() => new Box(0.5, 3, [1], 'int64'), 'Box low[0] is 0.5, not an integer'],
    [() => new Box(0, 300, [1], 'uint8'), 'Box high[0] is 300, outside the uint8 range [0, 255]'],
    [() => new Box(-Infinity, 1, [1], 'uint8'), 'Box low[0] is -Infinity, but a uint8 Box must be bounded'],
    [() => new Box(0, 1e39, [1]), 'Box high[0] is 1e+39, outside the float32 range'],
    [() => new Box(0, 1, [-1]), 'Box shape[0] must be a non-negative integer, got -1'],
    [
      () => new Box(0, 1, [1], 'float16' as 'float32'),
      'Box dtype must be one of the DType names, got float16',
    ],
  ])('rejects bad arguments (%#)', (make, message) => {
    expect(make).toThrow(SpaceValueError);
    expect(make).toThrow(message);
  });
});

describe('Box.contains', () => {
  const box = new Box(-1, 1, [2]);

  it('checks shape and bounds', () => {
    expect(box.contains([0, 1])).toBe(true);
    expect(box.contains([0, 1.5])).toBe(false);
    expect(box.contains([0])).toBe(false);
    expect(box.contains([[0, 1]])).toBe(false);
    expect(box.contains(0)).toBe(false);
    expect(box.contains([0, Number.NaN])).toBe(false);
    expect(box.contains(['0', 1])).toBe(false);
    expect(box.contains(null)).toBe(false);
  });

  it('casts plain numbers to float32 before comparing, like np.asarray(x, dtype)', () => {
    // 1 + 1e-9 rounds to 1 in float32, so it is inside [-1, 1].
    expect(box.contains([0, 1 + 1e-9])).toBe(true);
    expect(new Box(-1, 1, [1], 'float64').contains([1 + 1e-9])).toBe(false);
  });

  it("follows numpy's can_cast for typed arrays (a Float64Array is not in a float32 Box)", () => {
    expect(box.contains(new Float32Array([0, 1]))).toBe(true);
    expect(box.contains(new Float64Array([0, 1]))).toBe(false);
    expect(box.contains(new Int8Array([0, 1]))).toBe(true);
    expect(box.contains(new Int32Array([0, 1]))).toBe(false);
    expect(new Box(-1, 1, [2], 'float64').contains(new Float32Array([0, 1]))).toBe(true);
  });

  it("accepts each dtype's canonical array (int64: Float64Array of integers)", () => {
    const i64 = new Box(0, 10, [2], 'int64');
    expect(i64.contains(new Float64Array([0, 10]))).toBe(true);
    expect(i64.contains(new Float64Array([0, 0.5]))).toBe(false);
    expect(i64.contains([0, 0.5])).toBe(false);
    expect(i64.contains(new BigInt64Array([0n, 3n]))).toBe(true);
    const flag = new Box(0, 1, [2], 'bool');
    expect(flag.contains(new Uint8Array([0, 1]))).toBe(true);
    expect(flag.contains([true, false])).toBe(true);
  });

  it('contains infinite values under infinite bounds', () => {
    const open = new Box(-Infinity, Infinity, [2], 'float64');
    expect(open.contains([Infinity, -Infinity])).toBe(true);
    expect(new Box(0, Infinity, [1]).contains([-Infinity])).toBe(false);
  });

  it('takes nested arrays for multi-dimensional shapes, and flat typed arrays', () => {
    const b = new Box(0, 1, [2, 2]);
    expect(
      b.contains([
        [0, 1],
        [1, 0],
      ]),
    ).toBe(true);
    expect(b.contains(new Float32Array(4))).toBe(true);
    expect(b.contains([0, 1, 1, 0])).toBe(false); // a flat plain list has shape [4] in numpy
  });

  it('handles the scalar shape []', () => {
    const s = new Box(0, 1, [], 'float64');
    expect(s.contains(0.5)).toBe(true);
    expect(s.contains([0.5])).toBe(false);
  });
});

describe('Box.parse', () => {
  it('returns the canonical typed array, float32 values rounded', () => {
    const v = new Box(-1, 1, [2]).parse([0.1, -0.2]);
    expect(v).toBeInstanceOf(Float32Array);
    expect(Array.from(v)).toEqual([Math.fround(0.1), Math.fround(-0.2)]);
    expect(Array.from(new Box(-1, 1, [2], 'float64').parse([0.1, -0.2]))).toEqual([0.1, -0.2]);
  });

  it.each([
    ['float32', Float32Array],
    ['float64', Float64Array],
    ['int8', Int8Array],
    ['int16', Int16Array],
    ['int32', Int32Array],
    ['int64', Float64Array],
    ['uint8', Uint8Array],
    ['bool', Uint8Array],
  ] as const)('%s -> %o', (dtype, ctor) => {
    expect(new Box(0, 1, [2], dtype).parse([0, 1])).toBeInstanceOf(ctor);
  });

  it('does not enforce the bounds (envs clip)', () => {
    expect(Array.from(new Box(-1, 1, [1], 'float64').parse([5]))).toEqual([5]);
  });

  it('accepts [x] and length-1 typed arrays for shape [1], not a bare number', () => {
    const b = new Box(-1, 1, [1]);
    expect(Array.from(b.parse([0.5]))).toEqual([0.5]);
    expect(Array.from(b.parse(new Float64Array([0.5])))).toEqual([0.5]);
    expect(() => b.parse(0.5, 'action')).toThrow(
      'action: expected an array of shape [1], got the number 0.5',
    );
  });

  it('accepts a bare number for shape []', () => {
    expect(Array.from(new Box(0, 1, [], 'float64').parse(0.25))).toEqual([0.25]);
  });

  it('accepts nested, flat and typed forms for multi-dimensional shapes', () => {
    const b = new Box(0, 9, [2, 3], 'int32');
    const want = [1, 2, 3, 4, 5, 6];
    expect(
      Array.from(
        b.parse([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ),
    ).toEqual(want);
    expect(Array.from(b.parse(want))).toEqual(want);
    expect(Array.from(b.parse(new Int32Array(want)))).toEqual(want);
    expect(Array.from(b.parse([new Float64Array([1, 2, 3]), [4, 5, 6]]))).toEqual(want);
  });

  it('accepts bigints (msgpack int64) and booleans for bool', () => {
    expect(Array.from(new Box(0, 9, [2], 'int64').parse([1n, 2n]))).toEqual([1, 2]);
    expect(Array.from(new Box(0, 1, [2], 'bool').parse([true, false]))).toEqual([1, 0]);
  });

  it.each([
    [new Box(-1, 1, [1]), [1, 2], 'action: expected shape [1], got [2]'],
    [new Box(-1, 1, [2, 2]), [[1, 2], [3]], 'action: expected shape [2, 2], got a ragged nested array'],
    [new Box(-1, 1, [2, 2]), [[1, 2, 3]], 'action: expected shape [2, 2], got [1, 3]'],
    [
      new Box(-1, 1, [3]),
      new Float32Array(2),
      'action: expected shape [3] (3 values), got a Float32Array of length 2',
    ],
    [new Box(-1, 1, [1]), 'x', 'action: expected an array of shape [1], got a string'],
    [new Box(-1, 1, [1]), { 0: 1 }, 'action: expected an array of shape [1], got an object'],
    [new Box(-1, 1, [1]), [Number.NaN], 'action[0] is NaN'],
    [new Box(-1, 1, [2]), [0, Infinity], 'action[1] is Infinity'],
    [new Box(-Infinity, Infinity, [1], 'float64'), [-Infinity], 'action[0] is -Infinity'],
    [
      new Box(-1, 1, [2, 2]),
      [
        [0, 0],
        [0, '1'],
      ],
      'action[1][1] is a string, not a number',
    ],
    [new Box(-1, 1, [1]), [null], 'action[0] is null, not a number'],
    [new Box(-1, 1, [1]), [true], 'action[0] is a boolean, not a number'],
    [new Box(-1, 1, [1]), [1e39], 'action[0] is 1e+39, outside the float32 range'],
    [new Box(0, 5, [2], 'int64'), [1, 2.5], 'action[1] is 2.5, not an integer'],
    [new Box(0, 5, [1], 'int8'), [200], 'action[0] is 200, outside the int8 range [-128, 127]'],
    [new Box(0, 5, [1], 'int64'), [2 ** 60], `action[0] is ${2 ** 60}, beyond the safe integer range`],
    [new Box(0, 1, [1], 'bool'), [2], 'action[0] is 2, expected 0 or 1'],
  ])('rejects %s for %o', (box, value, message) => {
    expect(() => box.parse(value, 'action')).toThrow(SpaceValueError);
    expect(() => box.parse(value, 'action')).toThrow(message);
  });

  it("names the value 'value' by default", () => {
    expect(() => new Box(-1, 1, [1]).parse([Number.NaN])).toThrow('value[0] is NaN');
  });
});

describe('Box.toJSON', () => {
  it('nests the flat array by shape, as plain numbers', () => {
    const b = new Box(0, 9, [2, 3], 'int32');
    expect(b.toJSON(new Int32Array([1, 2, 3, 4, 5, 6]))).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(new Box(0, 1, [0, 2]).toJSON(new Float32Array(0))).toEqual([]);
    expect(new Box(0, 1, [], 'float64').toJSON(new Float64Array([0.5]))).toBe(0.5);
  });

  it('gives the exact float32 value as a double, and round-trips through parse', () => {
    const b = new Box(-1, 1, [1]);
    const v = b.parse([0.1]);
    const json = b.toJSON(v) as number[];
    expect(json[0]).toBe(0.10000000149011612);
    expect(b.parse(JSON.parse(JSON.stringify(json)))).toEqual(v);
  });
});

describe('Box.sample', () => {
  it('stays inside the box for every interval kind and dtype', () => {
    const rng = defaultRng(1);
    const spaces = [
      new Box([-1, -Infinity, 0.5, -Infinity], [1, 2, Infinity, Infinity], [4]),
      new Box([-3, -Infinity, 2, -Infinity], [3, 4, Infinity, Infinity], [4], 'int16'),
      new Box(0, 255, [8], 'uint8'),
      new Box(0, 1, [8], 'bool'),
      new Box(-5, 5, [8], 'int64'),
    ];
    for (const s of spaces) {
      for (let k = 0; k < 200; k++) expect(s.contains(s.sample(rng))).toBe(true);
    }
  });

  it('returns the canonical array type', () => {
    const rng = defaultRng(0);
    expect(new Box(0, 1, [2]).sample(rng)).toBeInstanceOf(Float32Array);
    expect(new Box(0, 1, [2], 'int64').sample(rng)).toBeInstanceOf(Float64Array);
    expect(new Box(0, 1, [2], 'uint8').sample(rng)).toBeInstanceOf(Uint8Array);
  });
});
