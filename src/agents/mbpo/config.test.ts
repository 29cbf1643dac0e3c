import { describe, expect, it } from 'vitest';
import { AgentArgumentError } from '../errors.ts';
import { MBPO_PRESETS, modelBufferCapacity, resolveMbpoConfig, rolloutLength } from './config.ts';

const LIMIT = 268_435_456;
// Pendulum: 3 + 1 + 3 observation/action/next values, reward, terminated, truncated.
const VALUES = 10;

describe('rolloutLength', () => {
  it("follows MBPO's truncated linear schedule (Hopper's [20, 100, 1, 15])", () => {
    const hopper: [number, number, number, number] = [20, 100, 1, 15];
    expect([1, 20, 21, 60, 99, 100, 500].map((e) => rolloutLength(hopper, e))).toEqual([
      1, 1, 1, 8, 14, 15, 15,
    ]);
  });

  it('is constant when both lengths are equal, and jumps when both epochs are', () => {
    expect(rolloutLength([1, 15, 1, 1], 40)).toBe(1);
    expect(rolloutLength([5, 5, 1, 4], 5)).toBe(1);
    expect(rolloutLength([5, 5, 1, 4], 6)).toBe(4);
  });
});

describe('resolveMbpoConfig', () => {
  it("fills the default preset's numbers in", () => {
    const c = resolveMbpoConfig(undefined, undefined, true, VALUES, LIMIT);
    expect(c).toMatchObject({
      model: { ensemble_size: 7, hidden_sizes: [200, 200, 200, 200], elites: 5, learned_reward: false },
      model_training: { batch_size: 256, holdout_ratio: 0.2, patience: 5 },
      model_train_every: 250,
      rollouts_per_step: 400,
      rollout_schedule: [1, 15, 1, 1],
      retain_epochs: 1,
      real_ratio: 0.05,
    });
    expect(c.sac).toMatchObject({ gradient_steps: 20, batch_size: 256, learning_rate: 3e-4 });
    expect(modelBufferCapacity(c, 1)).toBe(100_000);
  });

  it("merges the request's fields into each section of the preset", () => {
    const c = resolveMbpoConfig(
      'inverted-pendulum',
      { sac: { batch_size: 64 }, model: { elites: 3 }, rollout_schedule: [2, 4, 1, 3] },
      true,
      VALUES,
      LIMIT,
    );
    expect(c.sac).toMatchObject({ batch_size: 64, gradient_steps: 10, ent_coef: 0.3 });
    expect(c.model).toMatchObject({ elites: 3, ensemble_size: 7 });
    expect(c.rollout_schedule).toEqual([2, 4, 1, 3]);
    // The preset itself is untouched.
    expect(MBPO_PRESETS[1]!.config.sac.batch_size).toBe(256);
  });

  it('learns the reward and termination when the env declares none', () => {
    const c = resolveMbpoConfig(undefined, undefined, false, VALUES, LIMIT);
    expect(c.model).toMatchObject({ learned_reward: true, learned_termination: true });
  });

  it('refuses elites beyond the ensemble, bad schedules and buffers beyond the limit', () => {
    const bad = (input: Parameters<typeof resolveMbpoConfig>[1]) => () =>
      resolveMbpoConfig(undefined, input, true, VALUES, LIMIT);
    expect(bad({ model: { ensemble_size: 3 } })).toThrow(/elites \(5\) exceeds ensemble_size \(3\)/);
    expect(bad({ rollout_schedule: [10, 5, 1, 2] })).toThrow(/first_epoch/);
    expect(bad({ rollout_schedule: [1, 5, 0, 2] })).toThrow(AgentArgumentError);
    // 400 x 250 starts x 1,000 steps x 2 epochs of model rows alone: 2e8 rows.
    expect(bad({ rollout_schedule: [1, 5, 1, 1000], retain_epochs: 2 })).toThrow(/the limit is 268435456/);
  });
});
