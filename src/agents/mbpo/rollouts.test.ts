import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelStepInput, RolloutModel } from '../../planners/rollout-model.ts';
import { Generator } from '../../rng/generator.ts';
import type { SpaceDescription } from '../../spaces/space.ts';
import { loadTf, type TfModule } from '../../tensor/backend.ts';
import { createSacNetworks, disposeSacNetworks, type SacNetworks } from '../sac/networks.ts';
import { ActionScale } from '../sac/record.ts';
import { branchedRollouts } from './rollouts.ts';

const BOX: SpaceDescription = { type: 'Box', dtype: 'float32', shape: [1], low: [-2], high: [2] };

/**
 * A 2-D model that moves the first coordinate by the action and counts steps in the second; it
 * terminates rows whose first coordinate passes 1, and records which member each row used.
 */
function toyModel(members: number, seen: number[]): RolloutModel {
  return {
    obsDim: 2,
    actionDim: 1,
    members,
    predictsReward: false,
    predictsTermination: true,
    step(input: ModelStepInput) {
      const next = new Float32Array(input.n * 2);
      const terminal = new Uint8Array(input.n);
      for (let i = 0; i < input.n; i++) {
        next[2 * i] = input.obs[2 * i]! + input.action[i]!;
        next[2 * i + 1] = input.obs[2 * i + 1]! + 1;
        terminal[i] = next[2 * i]! > 1 ? 1 : 0;
        seen.push(input.member![i]!);
      }
      return { next, terminal };
    },
    dispose() {},
  };
}

describe('branchedRollouts', () => {
  let tf: TfModule;
  let net: SacNetworks;
  beforeAll(async () => {
    tf = await loadTf();
    net = createSacNetworks(
      tf,
      { obsDim: 2, actionDim: 1, actorHidden: [8], criticHidden: [8] },
      Generator.fromSeed(1),
      1,
    );
  });
  afterAll(() => disposeSacNetworks(net));

  const run = (seen: number[], seed = 3) =>
    branchedRollouts({
      tf,
      net,
      scale: new ActionScale(BOX),
      model: toyModel(4, seen),
      // The known reward: minus the distance moved.
      reward: (obs, _action, next, n) =>
        Float32Array.from({ length: n }, (_, i) => -Math.abs(next[2 * i]! - obs[2 * i]!)),
      starts: Float32Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? (i / 200) * 2 - 1 : 0)),
      n: 100,
      length: 4,
      rng: Generator.fromSeed(seed),
    });

  it('chains each row from where the model put it, stops terminated rows, truncates the last step', () => {
    const before = tf.memory().numTensors;
    const rows = run([]);
    expect(tf.memory().numTensors).toBe(before);
    // Step t's rows are those alive after t steps: every row's step counter says which step it is.
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < rows.n; i++) counts[rows.obs[2 * i + 1]!]!++;
    expect(counts[0]).toBe(100);
    for (let t = 1; t < 4; t++) expect(counts[t]).toBeLessThanOrEqual(counts[t - 1]!);
    let terminated = 0;
    for (let i = 0; i < rows.n; i++) {
      const t = rows.obs[2 * i + 1]!;
      // Actions within the Box; the known reward where the model predicts none.
      expect(Math.abs(rows.action[i]!)).toBeLessThanOrEqual(2);
      expect(rows.nextObs[2 * i]).toBeCloseTo(rows.obs[2 * i]! + rows.action[i]!, 5);
      expect(rows.reward[i]).toBeCloseTo(-Math.abs(rows.action[i]!), 5);
      expect(rows.terminated[i]).toBe(rows.nextObs[2 * i]! > 1 ? 1 : 0);
      expect(rows.truncated![i]).toBe(t === 3 ? 1 : 0);
      terminated += rows.terminated[i]!;
    }
    // Rows that terminated are exactly the ones missing from the following steps.
    expect(counts[0]! + counts[1]! + counts[2]! + counts[3]!).toBe(rows.n);
    expect(terminated).toBeGreaterThan(0);
    expect(100 - counts[3]!).toBeLessThanOrEqual(terminated);
  });

  it('draws every member and is reproducible from the generator', () => {
    const seen: number[] = [];
    const a = run(seen);
    expect(new Set(seen)).toEqual(new Set([0, 1, 2, 3]));
    const b = run([]);
    expect(b.obs).toEqual(a.obs);
    expect(b.action).toEqual(a.action);
    expect(run([], 4).action).not.toEqual(a.action);
  });
});
