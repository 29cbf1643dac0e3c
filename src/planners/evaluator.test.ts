import { describe, expect, it } from 'vitest';
import { Generator } from '../rng/generator.ts';
import { trajectoryEvaluator } from './evaluator.ts';
import { FastNormal } from './fast-normal.ts';
import type { ModelStepInput, RolloutModel } from './rollout-model.ts';

/** 1-D: x' = x + a + member offset; reward = x'; terminal once x' >= 10. Records assignments. */
function toyModel(members: number, seen: Array<Int32Array | null>): RolloutModel {
  return {
    obsDim: 1,
    actionDim: 1,
    members,
    predictsReward: true,
    predictsTermination: true,
    step({ obs, action, n, member }: ModelStepInput) {
      seen.push(member && Int32Array.from(member));
      const next = Float32Array.from(
        { length: n },
        (_, i) => obs[i]! + action[i]! + (member ? member[i]! : 0),
      );
      return {
        next,
        reward: Float32Array.from(next),
        terminal: Uint8Array.from(next, (x) => (x >= 10 ? 1 : 0)),
      };
    },
    dispose() {},
  };
}

describe('trajectory evaluation', () => {
  it('sums rewards up to and including the terminating step, per candidate', () => {
    const ev = trajectoryEvaluator({ model: toyModel(1, []), particles: 1 });
    const noise = new FastNormal(Generator.fromSeed(0));
    // Candidate 0: 1,1,1 from 0 -> rewards 1+2+3. Candidate 1: 6,6,6 -> 6 + 12 (terminal), then nothing.
    const returns = ev.from(Float32Array.of(0), noise)(Float32Array.of(1, 1, 1, 6, 6, 6), 2);
    expect(Array.from(returns)).toEqual([6, 18]);
  });

  it('discounts rewards and adds the discounted terminal value of rows alive at the horizon', () => {
    const ev = trajectoryEvaluator({
      model: toyModel(1, []),
      particles: 1,
      discount: 0.5,
      terminalValue: (obs, n) => Float32Array.from({ length: n }, (_, i) => 100 * obs[i]!),
    });
    const returns = ev.from(Float32Array.of(0), new FastNormal(Generator.fromSeed(0)))(
      Float32Array.of(1, 1, 6, 6),
      2,
    );
    // Candidate 0: 1 + 0.5 * 2, alive at x = 2: + 0.25 * 200. Candidate 1 terminates: 6 + 0.5 * 12.
    expect(Array.from(returns)).toEqual([52, 12]);
    expect(() => trajectoryEvaluator({ model: toyModel(1, []), discount: 0 })).toThrow(/discount/);
  });

  it('uses a known reward and termination instead of the model', () => {
    const ev = trajectoryEvaluator({
      model: toyModel(1, []),
      particles: 1,
      reward: (_o, a, _n, n) => Float32Array.from({ length: n }, (_, i) => -a[i]! * a[i]!),
      terminal: (_n, n) => new Uint8Array(n),
    });
    const returns = ev.from(Float32Array.of(0), new FastNormal(Generator.fromSeed(0)))(
      Float32Array.of(1, 2, 6, 6),
      2,
    );
    expect(Array.from(returns)).toEqual([-5, -72]);
  });

  it('assigns members balanced; TS-inf keeps them, TS1 redraws them, expectation uses none', () => {
    for (const propagation of ['tsinf', 'ts1', 'expectation'] as const) {
      const seen: Array<Int32Array | null> = [];
      const ev = trajectoryEvaluator({ model: toyModel(4, seen), particles: 8, propagation });
      ev.from(Float32Array.of(0), new FastNormal(Generator.fromSeed(1)))(new Float32Array(3 * 5), 3);
      expect(seen).toHaveLength(5);
      if (propagation === 'expectation') {
        expect(seen.every((m) => m === null)).toBe(true);
        continue;
      }
      for (const m of seen) {
        const counts = [0, 0, 0, 0];
        for (const v of m!) counts[v]!++;
        expect(counts).toEqual([6, 6, 6, 6]);
      }
      const same = seen.every((m) => m!.every((v, i) => v === seen[0]![i]));
      expect(same).toBe(propagation === 'tsinf');
    }
  });

  it('averages particles, traces one sequence, and turns a non-finite return into -Infinity', () => {
    const ev = trajectoryEvaluator({ model: toyModel(2, []), particles: 4 });
    const noise = new FastNormal(Generator.fromSeed(2));
    // Members add 0 or 1 per step; balanced over 4 particles: the mean adds 0.5 per step.
    const [r] = ev.from(Float32Array.of(0), noise)(Float32Array.of(0, 0), 1);
    expect(r).toBeCloseTo(0.5 + 1, 6);
    const trace = ev.trace(Float32Array.of(0), Float32Array.of(1, 1), noise);
    expect(trace.observations).toHaveLength(4 * 3);
    expect(trace.rewards).toHaveLength(4 * 2);
    const bad = ev.from(Float32Array.of(0), noise)(Float32Array.of(Number.NaN), 1);
    expect(bad[0]).toBe(Number.NEGATIVE_INFINITY);
  });

  it('refuses bad shapes and a missing reward', () => {
    const model = { ...toyModel(1, []), predictsReward: false };
    expect(() => trajectoryEvaluator({ model })).toThrow(/reward/);
    const ev = trajectoryEvaluator({ model: toyModel(1, []) });
    const noise = new FastNormal(Generator.fromSeed(0));
    expect(() => ev.from(Float32Array.of(0, 1), noise)).toThrow(RangeError);
    expect(() => ev.from(Float32Array.of(0), noise)(new Float32Array(5), 2)).toThrow(RangeError);
    expect(() => trajectoryEvaluator({ model: toyModel(1, []), particles: 0 })).toThrow(RangeError);
  });
});
