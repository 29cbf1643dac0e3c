/** tasks/SparsePoint-v0: PEARL's sparse point robot, goals and rewards on hand-computed cases. */
import { describe, expect, it } from 'vitest';
import {
  argumentError,
  expectBatchedAgree,
  paramsWith,
  randomBoxActions,
  rollout,
} from '../../../test/helpers/task-envs.ts';
import { Generator } from '../../rng/generator.ts';
import { GymEnv } from '../gym-env.ts';
import { sparsePoint } from './sparse-point.ts';

const def = sparsePoint;
const family = def.tasks!;
const p0 = def.params({});
const f32 = (...v: number[]) => Float32Array.from(v);
const key = (t: { goal: number[] }) => t.goal.join(',');

/** numpy: np.random.default_rng(1337).permutation(100), first 10 (the full list is in numpy-random.test). */
const PERMUTATION_HEAD = [24, 55, 69, 80, 12, 75, 97, 44, 13, 96];
const TEST_HEAD = [1]; // the permutation's last entry

describe('tasks/SparsePoint-v0', () => {
  it('lists 80 train and 20 test goals, disjoint, together the 100 goals on the half circle', () => {
    const train = family.list!('train', p0);
    const test = family.list!('test', p0);
    expect(train).toHaveLength(80);
    expect(test).toHaveLength(20);
    expect(family.splits.train.size).toBe(80);
    expect(family.splits.test.size).toBe(20);
    const trainKeys = new Set(train.map(key));
    expect(trainKeys.size).toBe(80);
    expect(test.some((t) => trainKeys.has(key(t)))).toBe(false);
    const all = [...train, ...test];
    const angles = all.map((t) => Math.atan2(t.goal[1], t.goal[0])).sort((a, b) => a - b);
    angles.forEach((a, j) => {
      expect(a).toBeCloseTo((j * Math.PI) / 99, 12);
    });
    for (const t of all) expect(Math.hypot(t.goal[0], t.goal[1])).toBeCloseTo(1, 14);
  });

  it('orders the goals by numpy’s default_rng(1337).permutation(100)', () => {
    const train = family.list!('train', p0);
    PERMUTATION_HEAD.forEach((j, i) => {
      const angle = (j * Math.PI) / 99;
      expect(train[i]!.goal[0]).toBeCloseTo(Math.cos(angle), 15);
      expect(train[i]!.goal[1]).toBeCloseTo(Math.sin(angle), 15);
    });
    const last = family.list!('test', p0).at(-1)!;
    expect(last.goal[0]).toBeCloseTo(Math.cos((TEST_HEAD[0]! * Math.PI) / 99), 15);
  });

  it('samples goals of the split, deterministically in the generator', () => {
    for (const split of ['train', 'test'] as const) {
      const listed = new Set(family.list!(split, p0).map(key));
      const draw = (seed: number) => {
        const rng = Generator.fromSeed(seed);
        return Array.from({ length: 300 }, () => family.sample(rng, split, p0));
      };
      const tasks = draw(7);
      expect(draw(7)).toEqual(tasks);
      expect(draw(8)).not.toEqual(tasks);
      for (const t of tasks) expect(listed.has(key(t))).toBe(true);
      expect(new Set(tasks.map(key)).size).toBeGreaterThan(split === 'train' ? 60 : 18);
    }
    // One integers(0, size) draw per task.
    const rng = Generator.fromSeed(2);
    const index = rng.integers(0, 80);
    expect(family.sample(Generator.fromSeed(2), 'train', p0)).toEqual(family.list!('train', p0)[index]);
  });

  it('reward: 1 − d within 0.2 of the goal (inclusive), 0 outside; dense −d in info', () => {
    const params = paramsWith(def, { goal: [1, 0] });
    // From (0.85, 0.05), move (0.05, −0.05): d = ‖(0.9, 0) − (1, 0)‖ ≈ 0.1.
    const next = def.transition([0.85, 0.05], f32(0.05, -0.05), params);
    const d = Math.hypot(next[0]! - 1, next[1]!);
    expect(d).toBeCloseTo(0.1, 7);
    expect(def.reward([0.85, 0.05], f32(0.05, -0.05), next, params)).toBeCloseTo(0.9, 7);
    expect(def.info!([0.85, 0.05], next, params)).toEqual({ dense_reward: -d });
    // From the origin, move (0.1, 0.1): d = √(0.9² + 0.1²) ≈ 0.9055 → 0.
    const far = def.transition([0, 0], f32(0.1, 0.1), params);
    expect(def.reward([0, 0], f32(0.1, 0.1), far, params)).toBe(0);
    expect(def.info!([0, 0], far, params)['dense_reward']).toBeCloseTo(-Math.sqrt(0.82), 7);
    // Exactly on the radius: d = 0.2 → −0.2 + 1.
    const edge = paramsWith(def, { goal: [0, 0.2] });
    expect(def.reward([0, 0], f32(0, 0), [0, 0], edge)).toBeCloseTo(0.8, 15);
    expect(def.reward([0, 0], f32(0, 0), [0, 0], paramsWith(def, { goal: [0, 0.2000001] }))).toBe(0);
    // At the goal: 1.
    expect(def.reward([1, 0], f32(0, 0), [1, 0], params)).toBe(1);
  });

  it('goal_radius widens the rewarded disc', () => {
    const params = paramsWith(def, { goal: [0, 0.5] }, { goal_radius: 0.6 });
    expect(def.reward([0, 0], f32(0, 0), [0, 0], params)).toBeCloseTo(0.5, 15);
    expect(argumentError(() => def.params({ goal_radius: 0 })).field).toBe('kwargs.goal_radius');
    expect(argumentError(() => def.params({ goal_radius: 'x' })).field).toBe('kwargs.goal_radius');
    expect(argumentError(() => def.params({ radius: 0.2 })).field).toBe('kwargs.radius');
  });

  it('batched reward (goal from params) agrees with the steps', () => {
    const params = def.tasks!.apply(p0, family.list!('test', p0)[3]!);
    const g = params.goal;
    // Head towards the goal, then wander: both rewarded and unrewarded steps.
    const toward = Array.from({ length: 12 }, () => f32(g[0] / 10, g[1] / 10));
    const steps = rollout(def, params, [0, 0], [...toward, ...randomBoxActions(2, 8, 2, 0.1)]);
    expect(steps).toHaveLength(20);
    expect(steps.some((s) => s.reward > 0)).toBe(true);
    expect(steps.some((s) => s.reward === 0)).toBe(true);
    expectBatchedAgree(def, params, steps);
  });

  it('never terminates; truncates at 20 steps through the adapter', () => {
    const env = new GymEnv(def);
    env.reset({ seed: 1, options: { task: { goal: [0, 1] } } });
    for (let i = 1; i <= 20; i++) {
      const r = env.step([0, 0.1]);
      expect(r.terminated).toBe(false);
      expect(r.truncated).toBe(i === 20);
      expect(r.info).toHaveProperty('dense_reward');
    }
  });

  it('parse accepts any finite goal and names bad fields', () => {
    expect(family.parse({ goal: [3, -4] }, p0)).toEqual({ goal: [3, -4] });
    expect(argumentError(() => family.parse({ goal: [0, null] }, p0)).field).toBe('options.task.goal.1');
    expect(argumentError(() => family.parse({ index: 3 }, p0)).field).toBe('options.task.index');
  });
});
