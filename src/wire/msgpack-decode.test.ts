import { describe, expect, it } from 'vitest';
import { decodeSegment, encodeSegment } from '../experience/segments.ts';
import { DecodeError, defaultDecodeLimits } from './limits.ts';
import { packMsgpack, unpackMsgpack } from './msgpack.ts';
import { decodeMsgpack } from './msgpack-decode.ts';

const hex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));

/** The DecodeError a decode throws (fails the test when it decodes). */
function refusal(bytes: Uint8Array, limits = defaultDecodeLimits): DecodeError {
  try {
    decodeMsgpack(bytes, limits);
  } catch (err) {
    expect(err).toBeInstanceOf(DecodeError);
    return err as DecodeError;
  }
  throw new Error(`decoded ${Buffer.from(bytes).toString('hex')}`);
}

/** msgpack array/map headers of n elements (the smallest form). */
function arrayHeader(n: number): number[] {
  if (n < 16) return [0x90 | n];
  if (n < 0x10000) return [0xdc, n >> 8, n & 0xff];
  return [0xdd, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

describe('strict msgpack decoding: what packMsgpack writes comes back', () => {
  it('round-trips plain values of every msgpack type and width', () => {
    const values: unknown[] = [
      null,
      true,
      false,
      0,
      1,
      127,
      128,
      255,
      256,
      65535,
      65536,
      2 ** 32 - 1,
      2 ** 32,
      Number.MAX_SAFE_INTEGER,
      -1,
      -32,
      -33,
      -128,
      -129,
      -32768,
      -32769,
      -(2 ** 31),
      -(2 ** 31) - 1,
      Number.MIN_SAFE_INTEGER,
      0.5,
      -1.25e-300,
      Number.MAX_VALUE,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      '',
      'a',
      'observation',
      'TimeLimit.truncated',
      'é ü 漢字 🙂',
      'x'.repeat(31),
      'y'.repeat(32),
      'z'.repeat(300),
      'w'.repeat(70_000),
      [],
      [1, [2, [3, []]]],
      Array.from({ length: 20 }, (_, i) => i * 0.25),
      Array.from({ length: 70_000 }, (_, i) => i),
      {},
      { a: 1, b: { c: [1, 'two', null, true] } },
      Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i])),
      Object.fromEntries(Array.from({ length: 70_000 }, (_, i) => [`k${i}`, i])),
      { state: 'v1.k.abc', action: [0.5], info: { 'TimeLimit.truncated': false } },
    ];
    for (const value of values) expect(decodeMsgpack(packMsgpack(value))).toEqual(value);
    expect(decodeMsgpack(packMsgpack(Number.NaN))).toBeNaN();
  });

  it('decodes float32, every int width and bigints packed as int64 within the safe range', () => {
    expect(decodeMsgpack(hex('ca 3fc00000'))).toBe(1.5);
    expect(decodeMsgpack(hex('ca 7fc00000'))).toBeNaN();
    expect(decodeMsgpack(hex('cc ff'))).toBe(255);
    expect(decodeMsgpack(hex('cd ffff'))).toBe(65535);
    expect(decodeMsgpack(hex('ce ffffffff'))).toBe(2 ** 32 - 1);
    expect(decodeMsgpack(hex('cf 001fffffffffffff'))).toBe(Number.MAX_SAFE_INTEGER);
    expect(decodeMsgpack(hex('d0 80'))).toBe(-128);
    expect(decodeMsgpack(hex('d1 8000'))).toBe(-32768);
    expect(decodeMsgpack(hex('d2 80000000'))).toBe(-(2 ** 31));
    expect(decodeMsgpack(hex('d3 ffffffffffffffff'))).toBe(-1);
    expect(decodeMsgpack(hex('d3 ffe0000000000001'))).toBe(Number.MIN_SAFE_INTEGER);
    expect(decodeMsgpack(hex('d3 0000000000000005'))).toBe(5);
    expect(decodeMsgpack(packMsgpack({ seed: 123n }))).toEqual({ seed: 123 });
    // Non-minimal forms are still plain msgpack.
    expect(decodeMsgpack(hex('d9 01 61'))).toBe('a');
    expect(decodeMsgpack(hex('dc 0001 01'))).toEqual([1]);
    expect(decodeMsgpack(hex('df 00000001 a161 02'))).toEqual({ a: 2 });
  });

  it('gives bin back as bytes (a Uint8Array over the input) and maps as plain objects', () => {
    const data = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const back = decodeMsgpack(packMsgpack({ dtype: 'float32', shape: [75], data })) as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(back.data).toBeInstanceOf(Uint8Array);
    expect([...(back.data as Uint8Array)]).toEqual([...data]);
    expect(back.shape).toEqual([75]);
    const empty = decodeMsgpack(packMsgpack(new Uint8Array(0)));
    expect(empty).toBeInstanceOf(Uint8Array);
    expect((empty as Uint8Array).byteLength).toBe(0);
  });

  it('keeps "__proto__" an own key, as JSON.parse does', () => {
    const back = decodeMsgpack(hex('82 a9 5f5f70726f746f5f5f 81 a1 78 01 a1 61 02')) as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(back, '__proto__')?.value).toEqual({ x: 1 });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('decodes transition segments as agents store them', () => {
    const n = 3;
    const segment = encodeSegment(
      {
        n,
        obs: Float32Array.from({ length: n * 2 }, (_, i) => i / 3),
        action: Float32Array.from([0.5, -0.5, 1]),
        nextObs: Float32Array.from({ length: n * 2 }, (_, i) => -i),
        reward: Float32Array.from([1, 2, 3]),
        terminated: Uint8Array.from([0, 0, 1]),
      },
      2,
      1,
    );
    const s = unpackMsgpack(segment) as { n: number; columns: Record<string, unknown> };
    expect(s.n).toBe(3);
    expect(s.columns.terminated).toBeInstanceOf(Uint8Array);
    expect([...new Float32Array(new Uint8Array(s.columns.reward as Uint8Array).buffer)]).toEqual([1, 2, 3]);
    const back = decodeSegment(segment, 2, 1);
    expect([...back.reward]).toEqual([1, 2, 3]);
    expect([...back.terminated]).toEqual([0, 0, 1]);
  });

  it('decodes a mixed request body to what was packed', () => {
    const body = {
      state: `v1.kabc.${'A'.repeat(200)}`,
      action: { dtype: 'float32', shape: [2, 2], data: new Uint8Array(16) },
      observation: [
        [0.1, -0.2],
        [1e-7, 3],
      ],
      kwargs: { g: 9.81, name: 'naïve', flags: [true, false, null] },
    };
    const back = decodeMsgpack(packMsgpack(body)) as typeof body;
    // bin comes back as a Buffer (a Uint8Array), as msgpackr gave it.
    expect(back.action.data).toEqual(Buffer.from(body.action.data));
    expect({ ...back, action: { ...back.action, data: null } }).toEqual({
      ...body,
      action: { ...body.action, data: null },
    });
  });
});

describe('strict msgpack decoding: what it refuses', () => {
  it('refuses every ext type: fixext 1-16, ext 8/16/32, timestamps, msgpackr extensions', () => {
    const exts = [
      'd4 42 01', // msgpackr BigInt
      'd5 01 0000',
      'd6 ff 00000000', // timestamp 32
      'd6 69 00000001', // msgpackr structured-clone id
      'd6 70 00000001', // msgpackr structured-clone pointer
      'd7 ff 0000000000000000', // timestamp 64
      'd8 01 00000000000000000000000000000000',
      'c7 00 01',
      'c7 0c ff 000000000000000000000000', // timestamp 96
      'c7 01 72 00', // msgpackr record
      'c8 0001 05 00',
      'c9 00000001 05 00',
    ];
    for (const h of exts) {
      const err = refusal(hex(h));
      expect(err.message, h).toMatch(/extension type/);
      expect(err.limit).toBeUndefined();
    }
  });

  it('refuses the self-containing array of issue 14 (msgpackr structured clone) without looping', () => {
    const body = Buffer.from(
      '\x81\xabobservation\xd6\x69\x00\x00\x00\x01\x91\xd6\x70\x00\x00\x00\x01',
      'latin1',
    );
    expect(refusal(body).message).toMatch(/extension type 105 \(fixext 4\) at byte 13/);
  });

  it('refuses 0xc1, integers outside the safe range, trailing bytes and empty input', () => {
    expect(refusal(hex('c1')).message).toMatch(/0xc1/);
    for (const h of [
      'cf 0020000000000000',
      'cf ffffffffffffffff',
      'd3 ffe0000000000000',
      'd3 8000000000000000',
    ]) {
      expect(refusal(hex(h)).message, h).toMatch(/safe-integer range/);
    }
    expect(refusal(hex('cf 0020000000000001')).message).toMatch(/9007199254740993/);
    expect(refusal(hex('01 02')).message).toMatch(/1 trailing bytes/);
    expect(refusal(hex('91 01 c0')).message).toMatch(/trailing/);
    expect(refusal(new Uint8Array(0)).message).toMatch(/empty/);
  });

  it('refuses every truncation of a valid body', () => {
    const whole = packMsgpack({
      s: 'x'.repeat(40),
      b: new Uint8Array(300),
      f: [0.5, 1.5e300, -7, 70000, 2 ** 40],
      m: { k: Array.from({ length: 20 }, (_, i) => i) },
    });
    for (let cut = 0; cut < whole.byteLength; cut++) {
      expect(() => decodeMsgpack(whole.subarray(0, cut)), `cut at ${cut}`).toThrow(DecodeError);
    }
  });

  it('refuses lengths the remaining bytes cannot hold, before allocating', () => {
    for (const h of [
      'dd ffffffff 01', // array32 of 4 Gi
      'df ffffffff a161 01', // map32
      'db ffffffff 61', // str32
      'c6 ffffffff 00', // bin32
      'dc 0003 01 02', // array16 of 3 with 2 left
      '82 a161 01', // fixmap of 2, one entry
    ]) {
      expect(refusal(hex(h)).message, h).toMatch(/truncated/);
    }
  });

  it('refuses map keys that are not strings', () => {
    for (const h of [
      '81 01 02',
      '81 c0 02',
      '81 91 01 02',
      '81 80 02',
      '81 c4 01 61 02',
      '81 cb 3ff0000000000000 02',
    ]) {
      expect(refusal(hex(h)).message, h).toMatch(/map key at byte 1 is not a string/);
    }
  });

  it('refuses str that is not UTF-8', () => {
    expect(refusal(hex('a2 c328')).message).toMatch(/not valid UTF-8/);
    expect(refusal(hex(`b0 ${'61'.repeat(15)}ff`)).message).toMatch(/not valid UTF-8/);
    expect(refusal(hex('81 a2 c328 01')).message).toMatch(/not valid UTF-8/);
  });

  it('limits nesting depth while decoding (64 levels by default; deep input never recurses far)', () => {
    const nested = (depth: number) => new Uint8Array([...new Array(depth).fill(0x91), 0x01]);
    expect(defaultDecodeLimits.maxDepth).toBe(64);
    expect(decodeMsgpack(nested(64))).toBeInstanceOf(Array);
    const err = refusal(nested(65));
    expect([err.limit, err.message]).toEqual(['depth', 'nesting deeper than 64 levels of arrays and maps']);
    expect(refusal(nested(100_000)).limit).toBe('depth');
    // Maps count the same as arrays.
    const maps = new Uint8Array([...new Array(65).fill(null).flatMap(() => [0x81, 0xa1, 0x61]), 0x01]);
    expect(refusal(maps).limit).toBe('depth');
    expect(decodeMsgpack(nested(3), { maxDepth: 3, maxItems: 10 })).toEqual([[[1]]]);
    expect(refusal(nested(3), { maxDepth: 2, maxItems: 10 }).limit).toBe('depth');
  });

  it('limits the total of array elements and map entries', () => {
    const limits = { maxDepth: 64, maxItems: 10 };
    // [[1, 2, 3], [4, 5, 6], 7]: 3 + 3 + 3 = 9 items; {a: [1]} = 2 items.
    expect(decodeMsgpack(packMsgpack([[1, 2, 3], [4, 5, 6], 7]), limits)).toEqual([[1, 2, 3], [4, 5, 6], 7]);
    expect(decodeMsgpack(packMsgpack(Array.from({ length: 10 }, () => 0)), limits)).toHaveLength(10);
    const err = refusal(packMsgpack(Array.from({ length: 11 }, () => 0)), limits);
    expect([err.limit, err.message]).toEqual(['items', 'more than 10 array elements and map entries in all']);
    expect(
      refusal(
        packMsgpack([
          [1, 2, 3, 4, 5],
          [6, 7, 8, 9],
        ]),
        limits,
      ).limit,
    ).toBe('items');
    expect(decodeMsgpack(packMsgpack({ a: [1, 2, 3, 4, 5, 6, 7, 8, 9] }), limits)).toBeDefined();
    expect(refusal(packMsgpack({ a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }), limits).limit).toBe('items');
    // One array of a million empty arrays: refused by the default limit only past 2 Mi items.
    const million = new Uint8Array([...arrayHeader(1 << 20), ...new Array(1 << 20).fill(0x90)]);
    expect(decodeMsgpack(million)).toHaveLength(1 << 20);
    const tooMany = new Uint8Array([...arrayHeader(3 << 20), ...new Array(3 << 20).fill(0x90)]);
    expect(refusal(tooMany).limit).toBe('items');
  });

  it('stays usable after a refusal (no state left behind)', () => {
    refusal(hex('91 d6 69 00000001'));
    refusal(new Uint8Array(70).fill(0x91));
    expect(decodeMsgpack(packMsgpack({ a: [1, 2] }))).toEqual({ a: [1, 2] });
  });
});
