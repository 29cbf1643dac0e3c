/** tasks/CartPole-v0: parity with CartPole-v1 under the default task, and dynamics per task. */
import { describe, expect, it } from 'vitest';
import { argumentError, expectBatchedAgree, paramsWith, rollout } from '../../../test/helpers/task-envs.ts';
import { Generator } from '../../rng/generator.ts';
import { cartPole } from '../classic-control/cart-pole.ts';
import { GymEnv } from '../gym-env.ts';
import { CART_POLE_DEFAULT_TASK, cartPoleTasks } from './cart-pole.ts';

const def = cartPoleTasks;

function randomDiscrete(seed: number, count: number): number[] {
  const rng = Generator.fromSeed(seed);
  return Array.from({ length: count }, () => rng.integers(0, 2));
}

describe('tasks/CartPole-v0', () => {
  it('with the default task is CartPole-v1 to the bit', () => {
    const classicParams = cartPole.params({});
    const params = paramsWith(def, CART_POLE_DEFAULT_TASK);
    for (const seed of [0, 1, 2, 3]) {
      const s0 = def.initial(Generator.fromSeed(seed), params, {});
      expect(s0).toEqual(cartPole.initial(Generator.fromSeed(seed), classicParams, {}));
      const actions = randomDiscrete(seed, 500);
      const mine = rollout(def, params, s0, actions);
      const classic = rollout(cartPole, classicParams, s0, actions);
      expect(mine.length).toBe(classic.length);
      mine.forEach((step, i) => {
        expect(step.next, `step ${i}`).toEqual(classic[i]!.next);
        expect(step.reward).toBe(classic[i]!.reward);
        expect(step.terminated).toBe(classic[i]!.terminated);
      });
      expect(mine.at(-1)!.terminated).toBe(true);
    }
  });

  it('through the stateful adapter, with the default task named in the reset', () => {
    const mine = new GymEnv(def);
    const classic = new GymEnv(cartPole);
    const a = mine.reset({ seed: 3, options: { task: CART_POLE_DEFAULT_TASK } }).observation;
    expect(Array.from(a as Float32Array)).toEqual(
      Array.from(classic.reset({ seed: 3 }).observation as Float32Array),
    );
    for (let i = 0; ; i++) {
      const x = mine.step(i % 3 === 0 ? 0 : 1);
      const y = classic.step(i % 3 === 0 ? 0 : 1);
      expect(Array.from(x.observation as Float32Array)).toEqual(Array.from(y.observation as Float32Array));
      expect([x.reward, x.terminated, x.truncated]).toEqual([y.reward, y.terminated, y.truncated]);
      if (x.terminated || x.truncated) break;
    }
  });

  it('one step from rest matches the equations for a hand-picked task', () => {
    const task = { length: 0.8, masspole: 0.2, masscart: 1.5, force_mag: 12 };
    const params = paramsWith(def, task);
    const next = def.transition([0, 0, 0, 0], 1, params);
    // θ = θ̇ = 0: temp = F/M, θ̈ = -temp / (l (4/3 - mp/M)), ẍ = temp - mp l θ̈ / M.
    const M = 1.7;
    const temp = 12 / M;
    const thetaAcc = -temp / (0.8 * (4 / 3 - 0.2 / M));
    const xAcc = temp - (0.2 * 0.8 * thetaAcc) / M;
    expect(next[0]).toBe(0);
    expect(next[1]).toBeCloseTo(0.02 * xAcc, 14);
    expect(next[2]).toBe(0);
    expect(next[3]).toBeCloseTo(0.02 * thetaAcc, 14);
  });

  it('each parameter changes the dynamics', () => {
    const state = [0.1, 0.2, 0.05, -0.1];
    const base = def.transition(state, 1, paramsWith(def, {}));
    for (const [key, value] of [
      ['length', 0.65],
      ['masspole', 0.14],
      ['masscart', 1.2],
      ['force_mag', 12],
    ] as const) {
      const next = def.transition(state, 1, paramsWith(def, { [key]: value }));
      const diff = Math.max(Math.abs(next[1]! - base[1]!), Math.abs(next[3]! - base[3]!));
      expect(diff, key).toBeGreaterThan(1e-3);
    }
  });

  it('two test tasks give different trajectories from the same state and actions', () => {
    const p0 = def.params({});
    const rng = Generator.fromSeed(8);
    const [a, b] = [def.tasks!.sample(rng, 'test', p0), def.tasks!.sample(rng, 'test', p0)];
    const actions = randomDiscrete(1, 15);
    const ra = rollout(def, def.tasks!.apply(p0, a), [0, 0, 0.01, 0], actions);
    const rb = rollout(def, def.tasks!.apply(p0, b), [0, 0, 0.01, 0], actions);
    const n = Math.min(ra.length, rb.length) - 1;
    expect(Math.abs(ra[n]!.next[3]! - rb[n]!.next[3]!)).toBeGreaterThan(1e-3);
  });

  it('batched reward and termination agree with the steps under a train task', () => {
    const p0 = def.params({});
    const params = def.tasks!.apply(p0, def.tasks!.sample(Generator.fromSeed(5), 'train', p0));
    const steps = rollout(
      def,
      params,
      def.initial(Generator.fromSeed(5), params, {}),
      randomDiscrete(6, 500),
    );
    expect(steps.at(-1)!.terminated).toBe(true);
    expectBatchedAgree(def, params, steps);
  });

  it('kwargs and state', () => {
    expect(argumentError(() => def.params({ sutton_barto_reward: true })).field).toBe(
      'kwargs.sutton_barto_reward',
    );
    expect(argumentError(() => def.parseState([0, 0, 0], def.params({}))).field).toBe('options.state');
  });
});
