/** tasks/PointNav-v0: MAML's 2D navigation, on hand-computed cases. */
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
import { pointNav } from './point-nav.ts';

const def = pointNav;
const f32 = (...v: number[]) => Float32Array.from(v);
const STEP = Math.fround(0.1);

describe('tasks/PointNav-v0', () => {
  it('moves by the clipped action and pays minus the distance after the move', () => {
    const params = paramsWith(def, { goal: [0.3, -0.2] });
    const s0 = def.initial(Generator.fromSeed(0), params, {});
    expect(s0).toEqual([0, 0]);
    const s1 = def.transition(s0, f32(0.1, -0.1), params);
    expect(s1).toEqual([STEP, -STEP]);
    // ‖(0.1, -0.1) − (0.3, −0.2)‖ = √(0.2² + 0.1²) = √0.05.
    expect(def.reward(s0, f32(0.1, -0.1), s1, params)).toBeCloseTo(-Math.sqrt(0.05), 7);
    expect(def.terminal(s1, params)).toBe(false);
    // Out-of-bounds actions are clipped to ±0.1 per axis.
    const s2 = def.transition(s1, f32(0.5, -3), params);
    expect(s2).toEqual([2 * STEP, -2 * STEP]);
    expect(def.reward(s1, f32(0.5, -3), s2, params)).toBeCloseTo(-0.1, 7);
    expect(Array.from(def.observation(s2, params) as Float32Array)).toEqual([
      Math.fround(0.2),
      Math.fround(-0.2),
    ]);
  });

  it('terminates only when both coordinates are within 0.01 of the goal', () => {
    const params = paramsWith(def, { goal: [0.105, 0.005] });
    const s1 = def.transition([0, 0], f32(0.1, 0), params);
    // dx = 0.1000000015 − 0.105 ≈ −0.005, dy = −0.005: both below 0.01.
    expect(def.terminal(s1, params)).toBe(true);
    expect(def.reward([0, 0], f32(0.1, 0), s1, params)).toBeCloseTo(-Math.sqrt(2 * 0.005 ** 2), 8);
    // One coordinate close, the other 0.015 away: not terminal.
    const far = paramsWith(def, { goal: [0.105, 0.015] });
    expect(def.terminal(s1, far)).toBe(false);
    // Exactly 0.01 away is not "< 0.01".
    expect(def.terminal([0.5, 0.5], paramsWith(def, { goal: [0.5, 0.51] }))).toBe(false);
  });

  it('an episode ends on the step that reaches the goal, not when one coordinate passes it', () => {
    const params = paramsWith(def, { goal: [0.35, -0.25] });
    const actions = Array.from({ length: 100 }, () => f32(0.05, -0.05));
    const steps = rollout(def, params, [0, 0], actions);
    // Along the diagonal, y is at −0.25 after 5 steps but x reaches 0.35 only after 7: never both.
    expect(steps.every((s) => !s.terminated)).toBe(true);
    const direct = rollout(
      def,
      params,
      [0, 0],
      [f32(0.1, -0.1), f32(0.1, -0.1), f32(0.1, -0.05), f32(0.05, 0)],
    );
    expect(direct.map((s) => s.terminated)).toEqual([false, false, false, true]);
    expect(direct.at(-1)!.reward).toBeGreaterThan(-0.01);
  });

  it('tasks: goals uniform on [-0.5, 0.5]², same seed same goals, same distribution for both splits', () => {
    const family = def.tasks!;
    const p0 = def.params({});
    const draw = (seed: number, split: 'train' | 'test') => {
      const rng = Generator.fromSeed(seed);
      return Array.from({ length: 200 }, () => family.sample(rng, split, p0));
    };
    expect(draw(3, 'train')).toEqual(draw(3, 'train'));
    expect(draw(3, 'train')).not.toEqual(draw(4, 'train'));
    // Same distribution: the same seed gives the same goals in either split.
    expect(draw(3, 'test')).toEqual(draw(3, 'train'));
    for (const { goal } of draw(5, 'train')) {
      for (const g of goal) {
        expect(g).toBeGreaterThanOrEqual(-0.5);
        expect(g).toBeLessThan(0.5);
      }
    }
    // numpy: default_rng(0).uniform(-0.5, 0.5, size=2).
    const rng = Generator.fromSeed(0);
    expect(family.sample(Generator.fromSeed(0), 'train', p0).goal).toEqual([
      rng.uniform(-0.5, 0.5),
      rng.uniform(-0.5, 0.5),
    ]);
    expect(family.splits.train.ranges).toEqual({ 'goal.0': [-0.5, 0.5], 'goal.1': [-0.5, 0.5] });
    expect(family.splits.test.ranges).toEqual(family.splits.train.ranges);
  });

  it('parse names the bad field', () => {
    const family = def.tasks!;
    const p0 = def.params({});
    expect(family.parse({ goal: [0.1, -0.2] }, p0)).toEqual({ goal: [0.1, -0.2] });
    expect(family.parse({ goal: Float64Array.of(1, 2) }, p0)).toEqual({ goal: [1, 2] });
    expect(argumentError(() => family.parse({}, p0)).field).toBe('options.task.goal');
    expect(argumentError(() => family.parse({ goal: [1] }, p0)).field).toBe('options.task.goal');
    expect(argumentError(() => family.parse({ goal: [1, 'a'] }, p0)).field).toBe('options.task.goal.1');
    expect(argumentError(() => family.parse({ goal: [Infinity, 0] }, p0)).field).toBe('options.task.goal.0');
    expect(argumentError(() => family.parse({ goal: [0, 0], x: 1 }, p0)).field).toBe('options.task.x');
  });

  it('different goals give different rewards from the same state and action', () => {
    const a = paramsWith(def, { goal: [0.4, 0.4] });
    const b = paramsWith(def, { goal: [-0.4, 0.1] });
    const next = def.transition([0, 0], f32(0.1, 0.1), a);
    expect(def.reward([0, 0], f32(0.1, 0.1), next, a)).toBeCloseTo(-Math.sqrt(0.18), 7);
    expect(def.reward([0, 0], f32(0.1, 0.1), next, b)).toBeCloseTo(-Math.sqrt(0.25), 7);
  });

  it('batched reward and termination (the goal from params) agree with the steps', () => {
    const params = paramsWith(def, { goal: [0.2, 0.1] });
    const steps = rollout(def, params, [0, 0], [...randomBoxActions(1, 30, 2, 0.15), f32(0.1, 0.1)]);
    expectBatchedAgree(def, params, steps);
    const hit = rollout(def, params, [0, 0], [f32(0.1, 0.05), f32(0.1, 0.05)]);
    expect(hit.at(-1)!.terminated).toBe(true);
    expectBatchedAgree(def, params, hit);
  });

  it('truncates at 100 steps through the adapter', () => {
    const env = new GymEnv(def);
    env.reset({ seed: 0, options: { task: { goal: [0.5, 0.5] } } });
    let last = env.step([0, 0]);
    for (let i = 1; i < 100; i++) {
      expect(last.truncated).toBe(false);
      last = env.step([0, 0]);
    }
    expect(last.truncated).toBe(true);
    expect(last.reward).toBeCloseTo(-Math.sqrt(0.5), 7);
  });

  it('spaces and state', () => {
    const p = def.params({});
    expect(def.actionSpace(p).describe()).toMatchObject({ low: [Math.fround(-0.1), Math.fround(-0.1)] });
    expect(def.observationSpace(p).describe()).toMatchObject({
      low: [-Infinity, -Infinity],
      high: [Infinity, Infinity],
    });
    expect(def.parseState([0.2, -0.3], p)).toEqual([0.2, -0.3]);
    expect(argumentError(() => def.params({ goal: [0, 0] })).field).toBe('kwargs.goal');
  });
});
