/**
 * The numpy routines against numbers printed by numpy (`np.random.default_rng(seed)`; the same
 * in Debian's numpy 1.24 and in numpy 2.x for these routines).
 */
import { describe, expect, it } from 'vitest';
import { Generator } from '../../rng/generator.ts';
import { choiceIndex, flatDirichlet, linspace, permutation, randomInterval } from './numpy-random.ts';

describe('numpy routines', () => {
  it('permutation(100) with seed 1337, as numpy prints it', () => {
    expect(permutation(Generator.fromSeed(1337), 100)).toEqual([
      24, 55, 69, 80, 12, 75, 97, 44, 13, 96, 82, 60, 30, 5, 63, 0, 76, 52, 31, 39, 7, 3, 37, 25, 86, 94, 27,
      34, 59, 2, 74, 73, 72, 11, 15, 51, 66, 50, 48, 95, 67, 54, 14, 35, 53, 33, 22, 87, 40, 46, 70, 57, 91,
      61, 81, 99, 10, 84, 58, 93, 20, 68, 92, 8, 65, 78, 42, 90, 36, 9, 28, 62, 89, 18, 17, 21, 26, 83, 79,
      43, 98, 23, 16, 77, 38, 19, 56, 29, 6, 71, 41, 85, 45, 32, 88, 4, 47, 49, 64, 1,
    ]);
  });

  it('consecutive permutations share the buffered 32-bit draws as numpy does', () => {
    const rng = Generator.fromSeed(0);
    expect([permutation(rng, 7), permutation(rng, 7), permutation(rng, 7)]).toEqual([
      [2, 4, 3, 6, 5, 0, 1],
      [5, 2, 4, 6, 1, 0, 3],
      [2, 1, 3, 6, 0, 4, 5],
    ]);
  });

  it('randomInterval stays in [0, max]', () => {
    const rng = Generator.fromSeed(3);
    expect(randomInterval(rng, 0)).toBe(0);
    for (let i = 0; i < 200; i++) {
      const v = randomInterval(rng, 5);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(5);
    }
  });

  it('dirichlet(np.ones(4)) with seed 3, bit for bit', () => {
    expect(flatDirichlet(Generator.fromSeed(3), 4)).toEqual([
      0.026837065496692757, 0.09505308224209157, 0.34140468400622415, 0.5367051682549916,
    ]);
  });

  it('normal(1, 1, (10, 5)) then dirichlet(np.ones(10), (10, 5)) with seed 0, bit for bit', () => {
    const rng = Generator.fromSeed(0);
    const means = Array.from({ length: 10 }, () => Array.from({ length: 5 }, () => rng.normal(1, 1)));
    const rows = Array.from({ length: 10 }, () => Array.from({ length: 5 }, () => flatDirichlet(rng, 10)));
    expect(means[0]).toEqual([
      1.1257302210933933, 0.8678951367086981, 1.640422650443282, 1.1049001171530397, 0.46433062683888904,
    ]);
    expect(rows[0]![0]).toEqual([
      0.2521737319252306, 0.061084332207916946, 0.3499229166855772, 0.011916163434312555,
      0.030928469772387134, 0.03288744053885124, 0.08447954455201613, 0.10353037160749239,
      0.05929643536870658, 0.013780593907509492,
    ]);
    expect(rows[9]![4]).toEqual([
      0.22651960012204483, 0.05480310327946497, 0.06495294556351802, 0.054045743654616334,
      0.07442293493905129, 0.04236701421176675, 0.07737274342173907, 0.3421597471119576, 0.00590656190155105,
      0.05744960579429006,
    ]);
  });

  it('choice(10, p=row) draws as numpy does (seed 5)', () => {
    const r0 = Generator.fromSeed(0);
    for (let i = 0; i < 50; i++) r0.normal(1, 1);
    let row: number[] = [];
    for (let i = 0; i < 2 * 5 + 4; i++) row = flatDirichlet(r0, 10); // row (2, 3)
    const rng = Generator.fromSeed(5);
    expect(Array.from({ length: 20 }, () => choiceIndex(rng, row))).toEqual([
      7, 7, 6, 3, 0, 4, 5, 0, 0, 9, 6, 2, 5, 9, 9, 7, 4, 6, 6, 0,
    ]);
  });

  it('choice never picks a zero-probability entry', () => {
    const rng = Generator.fromSeed(1);
    for (let i = 0; i < 500; i++)
      expect(choiceIndex(rng, [0, 0.5, 0, 0.5, 0])).toSatisfy((j) => j === 1 || j === 3);
  });

  it('linspace(0, π, 100) is i·(π/99) with the end point exact', () => {
    const v = linspace(0, Math.PI, 100);
    expect(v).toHaveLength(100);
    expect(v[0]).toBe(0);
    expect(v[99]).toBe(Math.PI);
    expect(v[33]).toBe(33 * (Math.PI / 99));
  });
});
