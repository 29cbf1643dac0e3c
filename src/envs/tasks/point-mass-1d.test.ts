import { describe, expect, it } from 'vitest';
import { GymEnv } from '../gym-env.ts';
import { pointMass1D } from './point-mass-1d.ts';

describe('tasks/PointMass1D-v0', () => {
  it('moves by the old velocity, then adds the clipped action; r = -0.001 pos^2; 30 steps', () => {
    const env = new GymEnv(pointMass1D);
    expect(Array.from(env.reset({ seed: 0 }).observation as Float32Array)).toEqual([1, 0]);
    let step = env.step([-3]);
    expect(Array.from(step.observation as Float32Array)).toEqual([1, -1]);
    expect(step.reward).toBeCloseTo(-0.001, 12);
    step = env.step([0.5]);
    expect(Array.from(step.observation as Float32Array)).toEqual([0, -0.5]);
    expect(step.reward).toBe(-0);
    for (let t = 2; t < 29; t++) expect(env.step([0]).truncated).toBe(false);
    step = env.step([0]);
    expect([step.terminated, step.truncated]).toEqual([false, true]);
  });

  it('batched reward equals the step reward', () => {
    const next = Float32Array.of(2, 0, -3, 1);
    expect(
      Array.from(pointMass1D.batched.reward(new Float32Array(4), new Float32Array(2), next, 2, {})),
    ).toEqual([Math.fround(-0.004), Math.fround(-0.009)]);
  });
});
