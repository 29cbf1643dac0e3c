/** tasks/MountainCarContinuous-v0: parity under the default task, and the power per task. */
import { describe, expect, it } from 'vitest';
import {
  argumentError,
  expectBatchedAgree,
  paramsWith,
  randomBoxActions,
  rollout,
} from '../../../test/helpers/task-envs.ts';
import { Generator } from '../../rng/generator.ts';
import { mountainCarContinuous } from '../classic-control/mountain-car-continuous.ts';
import { MOUNTAIN_CAR_DEFAULT_TASK, mountainCarContinuousTasks } from './mountain-car-continuous.ts';

const def = mountainCarContinuousTasks;

/** Bang-bang on the velocity's sign (reaches the goal), with some noise beyond ±1. */
function energyPumping(seed: number, count: number, params: ReturnType<typeof def.params>) {
  const noise = randomBoxActions(seed, count, 1, 0.5);
  let state = def.initial(Generator.fromSeed(seed), params, {});
  const s0 = state;
  const actions: Float32Array[] = [];
  for (let i = 0; i < count; i++) {
    const a = Float32Array.of((state[1]! >= 0 ? 1 : -1) * 1.2 + noise[i]![0]!);
    actions.push(a);
    state = def.transition(state, a, params);
  }
  return { s0, actions };
}

describe('tasks/MountainCarContinuous-v0', () => {
  it('with the default task is MountainCarContinuous-v0 to the bit', () => {
    const classicParams = mountainCarContinuous.params({});
    const params = paramsWith(def, MOUNTAIN_CAR_DEFAULT_TASK);
    for (const seed of [0, 5]) {
      const { s0, actions } = energyPumping(seed, 400, params);
      expect(s0).toEqual(mountainCarContinuous.initial(Generator.fromSeed(seed), classicParams, {}));
      const mine = rollout(def, params, s0, actions);
      const classic = rollout(mountainCarContinuous, classicParams, s0, actions);
      expect(mine.length).toBe(classic.length);
      mine.forEach((step, i) => {
        expect(step.next).toEqual(classic[i]!.next);
        expect(Object.is(step.reward, classic[i]!.reward)).toBe(true);
        expect(step.terminated).toBe(classic[i]!.terminated);
      });
      expect(mine.at(-1)!.terminated).toBe(true);
    }
  });

  it('the power scales the push: one step from the valley floor', () => {
    const state = [-0.5, 0];
    const action = Float32Array.of(1);
    const weak = def.transition(state, action, paramsWith(def, { power: 0.001 }));
    const strong = def.transition(state, action, paramsWith(def, { power: 0.002 }));
    const gravity = -0.0025 * Math.cos(3 * -0.5);
    expect(weak[1]).toBe(Math.fround(0.001 + gravity));
    expect(strong[1]).toBe(Math.fround(0.002 + gravity));
    expect(strong[1]! - weak[1]!).toBeCloseTo(0.001, 9);
  });

  it('a stronger engine climbs further under full throttle', () => {
    const climb = (power: number) => {
      const params = paramsWith(def, { power });
      let state = [-0.5, 0];
      let highest = state[0]!;
      for (let i = 0; i < 40; i++) {
        state = def.transition(state, Float32Array.of(1), params);
        highest = Math.max(highest, state[0]!);
      }
      return highest;
    };
    expect(climb(0.0018) - climb(0.0012)).toBeGreaterThan(0.02);
  });

  it('batched reward and termination agree with the steps under a test task', () => {
    const p0 = def.params({});
    const params = def.tasks!.apply(p0, def.tasks!.sample(Generator.fromSeed(1), 'test', p0));
    const { s0, actions } = energyPumping(2, 999, params);
    const steps = rollout(def, params, s0, actions);
    expect(steps.at(-1)!.terminated).toBe(true);
    expectBatchedAgree(def, params, steps);
  });

  it('kwargs', () => {
    expect(argumentError(() => def.params({ goal_velocity: 0 })).field).toBe('kwargs.goal_velocity');
  });
});
