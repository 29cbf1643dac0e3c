import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultRng } from '../rng/generator.ts';
import { spaceFromDescription } from './from-description.ts';

/** test/fixtures/space-vectors.json, written by scripts/gen-space-vectors.py with numpy. */
interface Vectors {
  seed: number;
  cases: { name: string; space: unknown; samples: unknown[] }[];
}

const vectors = JSON.parse(
  readFileSync(new URL('../../test/fixtures/space-vectors.json', import.meta.url), 'utf8'),
) as Vectors;

describe('sample() matches Gymnasium 1.x / numpy draw for draw', () => {
  it('has the cases the spec asks for', () => {
    const names = vectors.cases.map((c) => c.name);
    for (const name of [
      'box_f32_bounded',
      'box_f64_unbounded',
      'box_f32_mixed',
      'box_i64_bounded',
      'discrete_5_start_-2',
      'multi_binary_6',
      'multi_discrete_3_5_7',
    ]) {
      expect(names).toContain(name);
    }
  });

  for (const c of vectors.cases) {
    it(c.name, () => {
      const space = spaceFromDescription(c.space);
      const rng = defaultRng(vectors.seed);
      const got = c.samples.map(() => {
        const v = space.sample(rng);
        expect(space.contains(v)).toBe(true);
        return space.toJSON(v);
      });
      // toEqual on numbers is exact (Object.is), so this checks every bit.
      expect(got).toEqual(c.samples);
    });
  }
});
