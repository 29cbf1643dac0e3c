/** tasks/CartPoleContinuous-v0: CartPole with a continuous force. */
import { describe, expect, it } from 'vitest';
import {
  argumentError,
  expectBatchedAgree,
  randomBoxActions,
  rollout,
} from '../../../test/helpers/task-envs.ts';
import { Generator } from '../../rng/generator.ts';
import { cartPole } from '../classic-control/cart-pole.ts';
import { GymEnv } from '../gym-env.ts';
import { cartPoleContinuous } from './cart-pole-continuous.ts';

const f32 = (...v: number[]) => Float32Array.from(v);

describe('tasks/CartPoleContinuous-v0', () => {
  const def = cartPoleContinuous;
  const params = def.params({});

  it('actions ±1 are CartPole-v1’s actions 1 / 0 to the bit, from the same reset', () => {
    const classicParams = cartPole.params({});
    const rng = Generator.fromSeed(0);
    const pattern = Array.from({ length: 500 }, () => rng.integers(0, 2));
    const s0 = def.initial(Generator.fromSeed(11), params, {});
    expect(s0).toEqual(cartPole.initial(Generator.fromSeed(11), classicParams, {}));
    const mine = rollout(
      def,
      params,
      s0,
      pattern.map((a) => f32(a === 1 ? 1 : -1)),
    );
    const classic = rollout(cartPole, classicParams, s0, pattern);
    expect(mine.map((s) => s.next)).toEqual(classic.map((s) => s.next));
    expect(mine.map((s) => s.terminated)).toEqual(classic.map((s) => s.terminated));
    expect(mine.at(-1)!.terminated).toBe(true);
  });

  it('scales the force with the action and clips it to ±10 N', () => {
    const half = def.transition([0, 0, 0, 0], f32(0.5), params);
    // From rest: ẍ = temp − mp·l·θ̈/M with temp = F/M, θ̈ = −temp/(l·(4/3 − mp/M)); F = 5 N.
    const M = 1.1;
    const temp = 5 / M;
    const thetaAcc = -temp / (0.5 * (4 / 3 - 0.1 / M));
    expect(half[1]).toBeCloseTo(0.02 * (temp - (0.05 * thetaAcc) / M), 14);
    expect(half[3]).toBeCloseTo(0.02 * thetaAcc, 14);
    expect(def.transition([0, 0, 0.1, 0], f32(3), params)).toEqual(
      def.transition([0, 0, 0.1, 0], f32(1), params),
    );
    expect(def.transition([0, 0, 0.1, 0], f32(-7), params)).toEqual(
      def.transition([0, 0, 0.1, 0], f32(-1), params),
    );
  });

  it('pays 1 per step, terminates on Gymnasium’s thresholds, truncates at 200', () => {
    const steps = rollout(
      def,
      params,
      [0, 0, 0.2, 0],
      Array.from({ length: 5 }, () => f32(-1)),
    );
    // Pushing left tips the pole further right: it passes 12° on the third step.
    expect(steps.map((s) => s.terminated)).toEqual([false, false, true]);
    expect(steps.every((s) => s.reward === 1)).toBe(true);
    expectBatchedAgree(
      def,
      params,
      rollout(def, params, [0.01, 0, 0.01, 0], randomBoxActions(1, 200, 1, 1.5)),
    );
    const env = new GymEnv(def);
    env.reset({ seed: 0 });
    let result = env.step([0]);
    let n = 1;
    // Balance with a simple PD law until truncation.
    while (!result.terminated && !result.truncated) {
      const [x, xDot, th, thDot] = result.observation as Float32Array;
      result = env.step([Math.max(-1, Math.min(1, 2 * th! + 0.5 * thDot! + 0.05 * x! + 0.1 * xDot!))]);
      n++;
    }
    expect(result.truncated).toBe(true);
    expect(n).toBe(200);
  });

  it('takes no kwargs', () => {
    expect(argumentError(() => def.params({ force_mag: 5 })).field).toBe('kwargs.force_mag');
    expect(def.tasks).toBeUndefined();
  });
});
