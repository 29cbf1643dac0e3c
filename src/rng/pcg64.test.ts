import { describe, expect, it } from 'vitest';
import { loadRngVectors } from '../../test/helpers/rng-vectors.ts';
import { PCG64, PCG64_MULTIPLIER } from './pcg64.ts';
import { SeedSequence } from './seed-sequence.ts';

const vectors = loadRngVectors();
const MASK128 = (1n << 128n) - 1n;
const MASK64 = (1n << 64n) - 1n;

function seeded(seed: string): PCG64 {
  return PCG64.fromSeedSequence(new SeedSequence(BigInt(seed)));
}

/** Straightforward BigInt PCG64 (step, then XSL-RR of the new state) to check the limb arithmetic. */
function referenceNext(st: { state: bigint; inc: bigint }): bigint {
  st.state = (st.state * PCG64_MULTIPLIER + st.inc) & MASK128;
  const x = ((st.state >> 64n) ^ st.state) & MASK64;
  const rot = st.state >> 122n;
  return ((x >> rot) | (x << ((64n - rot) & 63n))) & MASK64;
}

describe('PCG64', () => {
  for (const c of vectors.seeds) {
    describe(`seed ${c.seed}`, () => {
      it('seeds to numpy state', () => {
        const raw = seeded(c.seed).getRaw();
        expect(raw.state.toString()).toBe(c.initial_state.state.state);
        expect(raw.inc.toString()).toBe(c.initial_state.state.inc);
        expect(raw.hasUint32).toBe(0);
        expect(raw.uinteger).toBe(0);
      });

      it('draws numpy random_raw uint64s', () => {
        const g = seeded(c.seed);
        expect(c.uint64.map(() => g.nextUint64().toString())).toEqual(c.uint64);
      });

      it('draws numpy next_uint32 (buffered halves) and keeps the buffer in its state', () => {
        const g = seeded(c.seed);
        expect(c.uint32.map(() => g.nextUint32())).toEqual(c.uint32);
        const raw = g.getRaw();
        expect(raw.state.toString()).toBe(c.state_after_uint32.state.state);
        expect(raw.hasUint32).toBe(c.state_after_uint32.has_uint32);
        expect(raw.uinteger).toBe(c.state_after_uint32.uinteger);
      });

      it('draws numpy next_double', () => {
        const g = seeded(c.seed);
        for (const want of c.double) expect(Object.is(g.nextDouble(), want)).toBe(true);
      });
    });
  }

  it('limb arithmetic agrees with a BigInt reference from edge-case states', () => {
    const starts = [
      { state: 0n, inc: 1n },
      { state: MASK128, inc: MASK128 },
      { state: MASK128 - 1n, inc: (1n << 127n) | 1n },
      { state: 0xffff_0000_ffff_0000_ffff_0000_ffff_0000n, inc: 0x0000_ffff_0000_ffff_0000_ffff_0000_ffffn },
      { state: 123456789012345678901234567890n, inc: 98765432109876543210987654321n },
    ];
    for (const start of starts) {
      const g = PCG64.fromRaw({ ...start, hasUint32: 0, uinteger: 0 });
      const ref = { ...start };
      for (let i = 0; i < 2000; i++) {
        expect(g.nextUint64()).toBe(referenceNext(ref));
      }
      expect(g.getRaw().state).toBe(ref.state);
      expect(g.getRaw().inc).toBe(start.inc);
    }
  });

  it('round-trips its raw state, including a pending uint32', () => {
    const g = seeded('7');
    g.nextUint32();
    const raw = g.getRaw();
    expect(raw.hasUint32).toBe(1);
    const h = PCG64.fromRaw(raw);
    for (let i = 0; i < 9; i++) expect(h.nextUint32()).toBe(g.nextUint32());
    expect(h.nextUint64()).toBe(g.nextUint64());
  });
});
