import { describe, expect, it } from 'vitest';
import { defaultRng } from '../rng/generator.ts';
import { Box } from './box.ts';
import { compareCodePoints, Dict } from './dict.ts';
import { Discrete } from './discrete.ts';
import { SpaceValueError } from './space.ts';

describe('Dict', () => {
  const make = () => new Dict({ pos: new Box(-1, 1, [2]), grip: new Discrete(2) });

  it('sorts the keys of a plain object, as Gymnasium sorts a dict', () => {
    const d = make();
    expect(d.keys).toEqual(['grip', 'pos']);
    expect(Object.keys((d.describe() as { spaces: object }).spaces)).toEqual(['grip', 'pos']);
    expect(String(d)).toBe('Dict("grip": Discrete(2), "pos": Box(-1, 1, [2], float32))');
  });

  it('keeps the order of [key, space] pairs, as Gymnasium keeps a sequence', () => {
    expect(
      Dict.fromEntries([
        ['z', new Discrete(2)],
        ['a', new Discrete(3)],
      ]).keys,
    ).toEqual(['z', 'a']);
    expect(
      new Dict([
        ['z', new Discrete(2)],
        ['a', new Discrete(3)],
      ]).keys,
    ).toEqual(['z', 'a']);
  });

  it("sorts by code point like Python's sorted, not by UTF-16 unit", () => {
    // U+FF5E (one unit 0xFF5E) < U+1F600 (surrogates 0xD83D...) by code point, not by unit.
    expect(['\u{1F600}', '\uFF5E'].sort(compareCodePoints)).toEqual(['\uFF5E', '\u{1F600}']);
    expect(['b', 'B', 'a', '_', 'aa'].sort(compareCodePoints)).toEqual(['B', '_', 'a', 'aa', 'b']);
  });

  it('rejects duplicate keys and non-spaces', () => {
    expect(
      () =>
        new Dict([
          ['a', new Discrete(2)],
          ['a', new Discrete(3)],
        ]),
    ).toThrow('Dict key "a" is given twice');
    expect(() => new Dict({ a: 3 as unknown as Discrete })).toThrow(SpaceValueError);
  });

  it('describes the sub-spaces', () => {
    expect(make().describe()).toEqual({
      type: 'Dict',
      spaces: {
        grip: { type: 'Discrete', dtype: 'int64', n: 2, start: 0 },
        pos: { type: 'Box', dtype: 'float32', shape: [2], low: [-1, -1], high: [1, 1] },
      },
    });
  });

  it('contains objects with exactly the keys', () => {
    const d = make();
    expect(d.contains({ pos: [0, 0], grip: 1 })).toBe(true);
    expect(d.contains({ pos: [0, 0], grip: 2 })).toBe(false);
    expect(d.contains({ pos: [0, 0] })).toBe(false);
    expect(d.contains({ pos: [0, 0], grip: 1, extra: 0 })).toBe(false);
    expect(d.contains([[0, 0], 1])).toBe(false);
  });

  it('parses objects, sub-values canonical', () => {
    const v = make().parse({ grip: 1, pos: [0.1, 0.2] });
    expect(v['grip']).toBe(1);
    expect(v['pos']).toEqual(new Float32Array([0.1, 0.2]));
  });

  it.each([
    [[1, 2], 'action: expected an object with keys "grip", "pos", got an array'],
    [{ pos: [0, 0] }, 'action: missing key "grip"'],
    [{ pos: [0, 0], grip: 0, x: 1 }, 'action: unexpected key "x" (expected "grip", "pos")'],
    [{ pos: [0, Number.NaN], grip: 0 }, 'action.pos[1] is NaN'],
    [{ pos: [0, 0], grip: 5 }, 'action.grip: 5 is outside Discrete(2)'],
  ])('rejects %o', (value, message) => {
    expect(() => make().parse(value, 'action')).toThrow(SpaceValueError);
    expect(() => make().parse(value, 'action')).toThrow(message);
  });

  it('quotes keys that are not identifiers in paths', () => {
    const d = new Dict({ 'left arm': new Discrete(2) });
    expect(() => d.parse({ 'left arm': 9 }, 'a')).toThrow('a["left arm"]: 9 is outside Discrete(2)');
  });

  it('handles a "__proto__" key as plain data', () => {
    const d = new Dict({ ['__proto__']: new Discrete(2), a: new Discrete(2) } as Record<string, Discrete>);
    expect(d.keys).toEqual(['__proto__', 'a']);
    const v = d.parse(JSON.parse('{"__proto__": 1, "a": 0}'));
    expect(Object.hasOwn(v, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(d.toJSON(v)).toEqual(JSON.parse('{"__proto__": 1, "a": 0}'));
  });

  it('toJSON converts each sub-value', () => {
    expect(make().toJSON({ grip: 1, pos: new Float32Array([0.5, 0.25]) })).toEqual({
      grip: 1,
      pos: [0.5, 0.25],
    });
  });

  it('samples the sub-spaces in key order from the one rng', () => {
    const d = make();
    const a = defaultRng(4);
    const b = defaultRng(4);
    const v = d.sample(a);
    expect(v['grip']).toBe(new Discrete(2).sample(b));
    expect(v['pos']).toEqual(new Box(-1, 1, [2]).sample(b));
    expect(d.contains(v)).toBe(true);
  });

  it('an empty Dict is fine', () => {
    const d = new Dict({});
    expect(d.parse({})).toEqual({});
    expect(d.sample(defaultRng(0))).toEqual({});
  });
});
