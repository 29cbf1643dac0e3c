/** tasks/CartPoleSwingUp-v0: PETS reward, hanging start, Gymnasium equations with a 0.6 m pole. */
import { describe, expect, it } from 'vitest';
import { expectBatchedAgree, randomBoxActions, rollout } from '../../../test/helpers/task-envs.ts';
import { Generator } from '../../rng/generator.ts';
import { GymEnv } from '../gym-env.ts';
import { cartPoleSwingUp } from './cart-pole-swing-up.ts';

const f32 = (...v: number[]) => Float32Array.from(v);

describe('tasks/CartPoleSwingUp-v0', () => {
  const def = cartPoleSwingUp;
  const params = def.params({});

  it('starts hanging down: normal(0, .1), normal(0, .1), normal(π, .1), normal(0, .1) as numpy draws them', () => {
    expect(def.initial(Generator.fromSeed(0), params, {})).toEqual([
      0.01257302210933933, -0.013210486329130189, 3.2056349186341215, 0.010490011715303971,
    ]);
  });

  it('reward: exp(−‖tip − (0, 0.6)‖² / 0.6²) − 0.01·a², tip at (x + 0.6 sin θ, 0.6 cos θ)', () => {
    // Upright at the origin, no push: the tip is at the goal.
    expect(def.reward([0, 0, 0, 0], f32(0), [0, 0, 0, 0], params)).toBe(1);
    // Hanging down: ‖tip − goal‖ = 1.2, r = exp(−1.44/0.36) = e^−4; a push of 1 costs 0.01.
    expect(def.reward([0, 0, 0, 0], f32(0), [0, 0, Math.PI, 0], params)).toBeCloseTo(Math.exp(-4), 12);
    expect(def.reward([0, 0, 0, 0], f32(1), [0, 0, Math.PI, 0], params)).toBeCloseTo(Math.exp(-4) - 0.01, 12);
    // Clipped action in the cost.
    expect(def.reward([0, 0, 0, 0], f32(5), [0, 0, 0, 0], params)).toBeCloseTo(0.99, 12);
    // Horizontal pole to the right of a cart at x = 0.3: tip (0.9, 0), d² = 0.81 + 0.36.
    expect(def.reward([0, 0, 0, 0], f32(0), [0.3, 0, Math.PI / 2, 0], params)).toBeCloseTo(
      Math.exp(-(0.81 + 0.36) / 0.36),
      12,
    );
  });

  it('uses a pole of half-length 0.3 in Gymnasium’s equations', () => {
    // From rest at θ = 0.1, no force: θ̈ = g sin θ / (l (4/3 − mp cos²θ / M)).
    const next = def.transition([0, 0, 0.1, 0], f32(0), params);
    const cos = Math.cos(0.1);
    const thetaAcc = (9.8 * Math.sin(0.1)) / (0.3 * (4 / 3 - (0.1 * cos * cos) / 1.1));
    expect(next[3]).toBeCloseTo(0.02 * thetaAcc, 13);
  });

  it('observes [x, x_dot, cos θ, sin θ, θ_dot]; never terminates; batched reward agrees', () => {
    const obs = def.observation([0.5, -1, Math.PI, 2], params) as Float32Array;
    expect(Array.from(obs)).toEqual(Array.from(f32(0.5, -1, -1, Math.sin(Math.PI), 2)));
    const s0 = def.initial(Generator.fromSeed(3), params, {});
    const steps = rollout(def, params, s0, randomBoxActions(4, 200, 1, 1.2));
    expect(steps).toHaveLength(200);
    expect(steps.every((s) => !s.terminated)).toBe(true);
    expectBatchedAgree(def, params, steps);
    // Near upright the reward is close to 1.
    const upright = rollout(def, params, [0.05, 0, 0.05, 0], randomBoxActions(5, 10, 1, 1.2));
    expect(upright[0]!.reward).toBeGreaterThan(0.95);
    expectBatchedAgree(def, params, upright);
  });

  it('truncates at 200 steps through the adapter', () => {
    const env = new GymEnv(def);
    env.reset({ seed: 1 });
    for (let i = 1; i <= 200; i++) {
      const r = env.step([i % 2 ? 1 : -1]);
      expect(r.terminated).toBe(false);
      expect(r.truncated).toBe(i === 200);
    }
    expect(def.tasks).toBeUndefined();
  });
});
