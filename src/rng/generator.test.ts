import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadRngVectors } from '../../test/helpers/rng-vectors.ts';
import { defaultRng, Generator, PACKED_RNG_BYTES, type RngState } from './generator.ts';

const vectors = loadRngVectors();

/** Exact float comparison (distinguishes -0 and would accept NaN === NaN), with a useful message. */
function expectSameFloats(got: number[], want: number[]): void {
  expect(got.length).toBe(want.length);
  const bad = got.findIndex((g, i) => !Object.is(g, want[i]));
  expect(bad === -1 ? 'all equal' : `first mismatch at ${bad}: got ${got[bad]}, want ${want[bad]}`).toBe(
    'all equal',
  );
}

function draws(n: number, f: () => number): number[] {
  return Array.from({ length: n }, f);
}

/** sha256 of float64 values packed little-endian, as the generator script hashes them. */
function sha256Floats(values: number[]): string {
  const view = new DataView(new ArrayBuffer(values.length * 8));
  values.forEach((v, i) => {
    view.setFloat64(i * 8, v, true);
  });
  return createHash('sha256').update(new Uint8Array(view.buffer)).digest('hex');
}

function tail(values: number[], threshold: number): [number, number][] {
  const out: [number, number][] = [];
  values.forEach((v, i) => {
    if (Math.abs(v) > threshold) out.push([i, v]);
  });
  return out;
}

function seedOf(s: string): number | bigint {
  const n = BigInt(s);
  return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

describe('Generator matches numpy 1.24 default_rng', () => {
  it(`vectors come from numpy 1.24 (${vectors.numpy_version})`, () => {
    expect(vectors.numpy_version.startsWith('1.24.')).toBe(true);
  });

  for (const c of vectors.seeds) {
    describe(`seed ${c.seed}`, () => {
      const fresh = (): Generator => defaultRng(seedOf(c.seed));

      it('has numpy initial state', () => {
        expect(fresh().getState()).toEqual(c.initial_state);
      });

      it('raw draws', () => {
        const g = fresh();
        expect(c.uint64.map(() => g.nextUint64().toString())).toEqual(c.uint64);
        const h = fresh();
        expect(c.uint32.map(() => h.nextUint32())).toEqual(c.uint32);
        expect(h.getState()).toEqual(c.state_after_uint32);
        const d = fresh();
        expectSameFloats(
          draws(c.double.length, () => d.nextDouble()),
          c.double,
        );
      });

      it('random()', () => {
        const g = fresh();
        expectSameFloats(
          draws(c.random.length, () => g.random()),
          c.random,
        );
      });

      it('uniform(-0.05, 0.05)', () => {
        const g = fresh();
        expectSameFloats(
          draws(c.uniform.length, () => g.uniform(-0.05, 0.05)),
          c.uniform,
        );
      });

      it('integers() interleaved with random(), including the buffered uint32 in the state', () => {
        const g = fresh();
        c.integers.forEach((op, i) => {
          const where = `op ${i} ${JSON.stringify(op)}`;
          if (op.op === 'integers') expect(g.integers(op.low, op.high), where).toBe(op.value);
          else if (op.op === 'random') expect(Object.is(g.random(), op.value), where).toBe(true);
          else expect(g.getState(), where).toEqual(op.value);
        });
      });

      it('standardNormal() x1000 and the state after', () => {
        const g = fresh();
        expectSameFloats(
          draws(c.standard_normal.length, () => g.standardNormal()),
          c.standard_normal,
        );
        expect(g.getState()).toEqual(c.state_after_standard_normal);
      });

      it('normal(1.5, 0.25)', () => {
        const g = fresh();
        expectSameFloats(
          draws(c.normal.length, () => g.normal(1.5, 0.25)),
          c.normal,
        );
      });

      it('standardExponential() x200', () => {
        const g = fresh();
        expectSameFloats(
          draws(c.standard_exponential.length, () => g.standardExponential()),
          c.standard_exponential,
        );
      });

      it('exponential(2.5)', () => {
        const g = fresh();
        expectSameFloats(
          draws(c.exponential.length, () => g.exponential(2.5)),
          c.exponential,
        );
      });
    });
  }

  for (const s of vectors.streams) {
    it(`long streams for seed ${s.seed} (${s.count} draws, tail and wedge paths) are bit-identical`, () => {
      const g = defaultRng(BigInt(s.seed));
      const normals = draws(s.count, () => g.standardNormal());
      // Tail draws first: a mismatch there points at log1p rather than at the tables.
      expect(tail(normals, 3.654152885361009)).toEqual(s.standard_normal_tail);
      expect(sha256Floats(normals)).toBe(s.standard_normal_sha256);
      const h = defaultRng(BigInt(s.seed));
      const expos = draws(s.count, () => h.standardExponential());
      expect(tail(expos, 7.69711747013105)).toEqual(s.standard_exponential_tail);
      expect(sha256Floats(expos)).toBe(s.standard_exponential_sha256);
    });
  }

  it('restores a mid-stream state (with a pending uint32) and continues like numpy', () => {
    const rt = vectors.round_trip;
    const g = defaultRng(seedOf(rt.seed));
    const prefix = [...draws(5, () => g.random()), ...draws(3, () => g.integers(0, 10))];
    expectSameFloats(prefix, rt.prefix);
    expect(g.getState()).toEqual(rt.state);

    // Through JSON, as the state travels over the API.
    const restored = Generator.fromState(JSON.parse(JSON.stringify(rt.state)));
    for (const gen of [g, restored]) {
      expectSameFloats(
        draws(5, () => gen.random()),
        rt.continuation.random,
      );
      expect(draws(3, () => gen.integers(0, 10))).toEqual(rt.continuation.integers_0_10);
      expectSameFloats(
        draws(5, () => gen.standardNormal()),
        rt.continuation.standard_normal,
      );
      expectSameFloats(
        draws(5, () => gen.standardExponential()),
        rt.continuation.standard_exponential,
      );
      expect(gen.getState()).toEqual(rt.end_state);
    }
  });
});

describe('Generator API', () => {
  it('defaultRng and fromSeed agree; number and bigint seeds agree', () => {
    const a = defaultRng(12345);
    const b = Generator.fromSeed(12345n);
    expect(a.getState()).toEqual(b.getState());
    expect(a.random()).toBe(b.random());
  });

  it('seeds from OS entropy when the seed is null or undefined', () => {
    const states = [Generator.fromSeed(), Generator.fromSeed(null), defaultRng()].map(
      (g) => g.getState().state.state,
    );
    expect(new Set(states).size).toBe(3);
  });

  it('rejects bad seeds', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -1n]) {
      expect(() => Generator.fromSeed(bad), String(bad)).toThrow(RangeError);
    }
    expect(() => Generator.fromSeed('1' as unknown as number)).toThrow(TypeError);
    expect(() => Generator.fromSeed(Number.MAX_SAFE_INTEGER)).not.toThrow();
  });

  it('getState returns a fresh, JSON-safe plain object', () => {
    const g = defaultRng(3);
    const s1 = g.getState();
    s1.state.state = '0';
    s1.has_uint32 = 1;
    const s2 = g.getState();
    expect(s2.state.state).not.toBe('0');
    expect(s2.has_uint32).toBe(0);
    expect(JSON.parse(JSON.stringify(s2))).toEqual(s2);
  });

  it('fromState validates every field', () => {
    const good: RngState = defaultRng(1).getState();
    const variants: [string, unknown][] = [
      ['not an object', 'PCG64'],
      ['null', null],
      ['array', []],
      ['wrong generator', { ...good, bit_generator: 'MT19937' }],
      ['missing state', { ...good, state: undefined }],
      ['numeric state', { ...good, state: { ...good.state, state: 5 } }],
      ['bigint state', { ...good, state: { ...good.state, state: 5n } }],
      ['signed state', { ...good, state: { ...good.state, state: '-5' } }],
      ['hex state', { ...good, state: { ...good.state, state: '0x5' } }],
      ['empty state', { ...good, state: { ...good.state, state: '' } }],
      ['state 2^128', { ...good, state: { ...good.state, state: (2n ** 128n).toString() } }],
      ['huge state', { ...good, state: { ...good.state, state: '9'.repeat(400) } }],
      ['even inc', { ...good, state: { ...good.state, inc: '2' } }],
      ['has_uint32 2', { ...good, has_uint32: 2 }],
      ['has_uint32 true', { ...good, has_uint32: true }],
      ['uinteger negative', { ...good, uinteger: -1 }],
      ['uinteger 2^32', { ...good, uinteger: 2 ** 32 }],
      ['uinteger fraction', { ...good, uinteger: 1.5 }],
      ['uinteger string', { ...good, uinteger: '1' }],
    ];
    for (const [name, v] of variants) expect(() => Generator.fromState(v), name).toThrow(RangeError);
    const edge = { ...good, state: { state: (2n ** 128n - 1n).toString(), inc: '1' }, uinteger: 2 ** 32 - 1 };
    expect(Generator.fromState(edge).getState()).toEqual(edge);
  });

  it('integers: bounds, degenerate range and argument checks', () => {
    const g = defaultRng(0);
    const before = g.getState();
    expect(g.integers(7, 8)).toBe(7); // rng == 0 consumes nothing, as in numpy
    expect(g.getState()).toEqual(before);
    for (const [lo, hi] of [
      [0, 2],
      [-3, 4],
      [0, 2 ** 32],
      [0, 2 ** 32 + 1],
      [-(2 ** 53) + 1, 2 ** 53 - 1],
    ] as const) {
      for (let i = 0; i < 200; i++) {
        const v = g.integers(lo, hi);
        expect(Number.isSafeInteger(v) && v >= lo && v < hi).toBe(true);
      }
    }
    expect(() => g.integers(5, 5)).toThrow(RangeError);
    expect(() => g.integers(5, 4)).toThrow(RangeError);
    expect(() => g.integers(0, 1.5)).toThrow(RangeError);
    expect(() => g.integers(0, 2 ** 53)).toThrow(RangeError);
    expect(() => g.integers(Number.NaN, 3)).toThrow(RangeError);
  });

  it('uniform/normal/exponential defaults and argument checks', () => {
    const a = defaultRng(9);
    const b = defaultRng(9);
    expect(a.uniform()).toBe(b.random());
    expect(a.normal()).toBe(b.standardNormal());
    expect(a.exponential()).toBe(b.standardExponential());
    expect(() => a.uniform(0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => a.uniform(-Number.MAX_VALUE, Number.MAX_VALUE)).toThrow(RangeError);
    expect(() => a.normal(0, -1)).toThrow(RangeError);
    expect(() => a.normal(0, -0)).toThrow(RangeError); // numpy checks the sign bit
    expect(() => a.exponential(-1)).toThrow(RangeError);
    expect(a.normal(2, 0)).toBe(2);
    expect(a.exponential(0)).toBe(0);
  });
});

describe('packed state', () => {
  it('round-trips through 37 bytes and continues the same stream, buffered uint32 included', () => {
    const a = Generator.fromSeed(2024);
    a.nextUint32(); // leaves a buffered half
    const bytes = new Uint8Array(PACKED_RNG_BYTES + 3);
    a.pack(bytes, 3);
    const b = Generator.unpack(bytes, 3);
    expect(b.getState()).toEqual(a.getState());
    for (let i = 0; i < 5; i++) expect(b.nextUint32()).toBe(a.nextUint32());
    expect(b.standardNormal()).toBe(a.standardNormal());
  });

  it('refuses bytes that cannot be a PCG64 state', () => {
    expect(() => Generator.unpack(new Uint8Array(PACKED_RNG_BYTES))).toThrow(/invalid/);
    expect(() => Generator.unpack(new Uint8Array(10))).toThrow(/needs 37 bytes/);
  });
});
