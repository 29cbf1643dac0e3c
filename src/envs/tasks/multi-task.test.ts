import { describe, expect, it } from 'vitest';
import { GymEnv } from '../gym-env.ts';
import { taskEnvs } from './index.ts';

const byId = (id: string) => taskEnvs.find((d) => d.id === id)!;

describe('multi-task wrapper', () => {
  it('appends the one-hot task id and runs the inner task', () => {
    const def = byId('tasks/PendulumMultiTask-v0');
    const env = new GymEnv(def);
    const a = env.reset({ seed: 0, options: { task: { index: 3 }, state: [1, 0] } })
      .observation as Float32Array;
    expect(a.length).toBe(3 + 15);
    expect(Array.from(a.subarray(3))).toEqual(Array.from({ length: 15 }, (_, i) => (i === 3 ? 1 : 0)));
    const stepA = env.step([1]).observation as Float32Array;
    env.reset({ seed: 0, options: { task: { index: 12 }, state: [1, 0] } });
    const stepB = env.step([1]).observation as Float32Array;
    // Different tasks (a train and a test task) give different dynamics from the same state.
    expect(Math.abs(stepA[2]! - stepB[2]!)).toBeGreaterThan(1e-4);
    expect(stepB[3 + 12]).toBe(1);
  });

  it('splits the fixed set into train and test indices and refuses others', () => {
    const def = byId('tasks/SparsePointMultiTask-v0');
    const params = def.params(def.defaultKwargs);
    expect(def.tasks!.list!('train', params).length).toBe(80);
    expect(def.tasks!.list!('test', params).map((t) => t.index)).toEqual(
      Array.from({ length: 20 }, (_, i) => 80 + i),
    );
    expect(() => def.tasks!.parse({ index: 100 }, params)).toThrow(/\[0, 99\]/);
  });

  it('batched functions ignore the id columns', () => {
    const def = byId('tasks/PendulumMultiTask-v0');
    const env = new GymEnv(def);
    const first = env.reset({ seed: 1, options: { task: { index: 2 } } }).observation as Float32Array;
    const step = env.step([0.3]);
    const params = def.tasks!.apply(def.params(def.defaultKwargs), { index: 2 });
    const batched = def.batched.reward(
      first,
      new Float32Array([0.3]),
      step.observation as Float32Array,
      1,
      params,
    );
    expect(batched[0]).toBeCloseTo(step.reward, 4);
  });
});
