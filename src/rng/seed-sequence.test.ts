import { describe, expect, it } from 'vitest';
import { loadRngVectors } from '../../test/helpers/rng-vectors.ts';
import { intToUint32Words, SeedSequence } from './seed-sequence.ts';

const vectors = loadRngVectors();

describe('SeedSequence', () => {
  for (const c of vectors.seeds) {
    it(`matches numpy's pool and generate_state(4, uint64) for seed ${c.seed}`, () => {
      const ss = new SeedSequence(BigInt(c.seed));
      expect(Array.from(ss.pool)).toEqual(c.pool);
      expect(ss.generateStateU64(4).map(String)).toEqual(c.generate_state_u64);
    });
  }

  it('pairs uint32 words little-endian into uint64', () => {
    const ss = new SeedSequence(42n);
    const words = ss.generateState(8);
    const u64 = ss.generateStateU64(4);
    for (let i = 0; i < 4; i++) {
      expect(u64[i]).toBe((BigInt(words[2 * i + 1]!) << 32n) | BigInt(words[2 * i]!));
    }
  });

  it('splits integers into 32-bit words like numpy, with zero as one word', () => {
    expect(intToUint32Words(0n)).toEqual([0]);
    expect(intToUint32Words(5n)).toEqual([5]);
    expect(intToUint32Words(2n ** 32n + 5n)).toEqual([5, 1]);
    expect(intToUint32Words(2n ** 100n + 3n)).toEqual([3, 0, 0, 16]);
    expect(() => intToUint32Words(-1n)).toThrow(RangeError);
  });

  it('draws 128 bits of OS entropy when none is given', () => {
    const a = new SeedSequence();
    const b = new SeedSequence();
    expect(a.entropy).not.toBe(b.entropy);
    expect(a.entropy < 2n ** 128n).toBe(true);
    // The same entropy, given explicitly, reproduces the pool.
    expect(Array.from(new SeedSequence(a.entropy).pool)).toEqual(Array.from(a.pool));
  });
});
