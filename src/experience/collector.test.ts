import { describe, expect, it } from 'vitest';
import { classicControlEnvs } from '../envs/classic-control/index.ts';
import type { EnvDefinition } from '../envs/env.ts';
import { GymEnv } from '../envs/gym-env.ts';
import { Generator } from '../rng/generator.ts';
import { VectorCollector } from './collector.ts';
import { transitionSchema } from './columns.ts';
import type { Policy } from './policy.ts';

const env = (id: string) => classicControlEnvs.find((e) => e.id === id) as EnvDefinition;

/** Sub-env `i` as single episodes: seed `seed + i` first, then resets continuing its generator. */
function reference(def: EnvDefinition, seed: number, steps: number, act: (obs: Float32Array) => unknown) {
  const gym = new GymEnv(def);
  let obs = Float32Array.from(gym.reset({ seed }).observation as ArrayLike<number>);
  const out = {
    obs: [] as number[],
    next: [] as number[],
    reward: [] as number[],
    terminated: [] as number[],
    truncated: [] as number[],
  };
  for (let t = 0; t < steps; t++) {
    const step = gym.step(act(obs));
    const next = Float32Array.from(step.observation as ArrayLike<number>);
    out.obs.push(...obs);
    out.next.push(...next);
    out.reward.push(Math.fround(step.reward));
    out.terminated.push(step.terminated ? 1 : 0);
    out.truncated.push(step.truncated ? 1 : 0);
    obs =
      step.terminated || step.truncated
        ? Float32Array.from(gym.reset().observation as ArrayLike<number>)
        : next;
  }
  return out;
}

describe('vector collector', () => {
  it('gives each sub-env the transitions of its own episodes, across autoresets', () => {
    const def = env('CartPole-v1');
    // Push left always: episodes end in about 10 steps, so 40 steps cross several resets.
    const act = () => 0;
    const collector = new VectorCollector(def, {
      numEnvs: 3,
      seed: 10,
      schema: transitionSchema({ obsDim: 4, actionDim: 1 }),
    });
    const ended = collector.collect({ act }, 40, Generator.fromSeed(0));
    expect(collector.pending).toBe(120);
    const t = collector.drain();
    expect(collector.pending).toBe(0);
    for (let i = 0; i < 3; i++) {
      const ref = reference(def, 10 + i, 40, act);
      const rows = (a: ArrayLike<number>, width: number) =>
        Array.from(a).slice(i * 40 * width, (i + 1) * 40 * width);
      expect(rows(t.obs, 4)).toEqual(ref.obs);
      expect(rows(t.nextObs, 4)).toEqual(ref.next);
      expect(rows(t.reward, 1)).toEqual(ref.reward);
      expect(rows(t.terminated, 1)).toEqual(ref.terminated);
      expect(rows(t.truncated!, 1)).toEqual(ref.truncated);
      const own = ended.filter((e) => e.env === i);
      expect(own.length).toBe(ref.terminated.reduce((a, b) => a + b, 0));
      expect(own.every((e) => e.terminated && !e.truncated)).toBe(true);
    }
  });

  it('marks time-limit truncation, and batches the policy call when it can', () => {
    const def = env('Pendulum-v1');
    let batches = 0;
    const policy: Policy = {
      act: () => {
        throw new Error('act should not be called');
      },
      actBatch: (obs, n) => {
        batches++;
        expect(obs.length).toBe(3 * n);
        return Array.from({ length: n }, () => [0.25]);
      },
    };
    const collector = new VectorCollector(def, {
      numEnvs: 2,
      seed: 0,
      schema: transitionSchema({ obsDim: 3, actionDim: 1 }),
    });
    const ended = collector.collect(policy, 205, Generator.fromSeed(0));
    expect(batches).toBe(205);
    expect(ended.map((e) => [e.env, e.length, e.truncated, e.terminated])).toEqual([
      [0, 200, true, false],
      [1, 200, true, false],
    ]);
    const t = collector.drain();
    const ref = reference(def, 1, 205, () => [0.25]);
    const sub1 = (a: ArrayLike<number>, w: number) => Array.from(a).slice(205 * w, 410 * w);
    expect(sub1(t.truncated!, 1)).toEqual(ref.truncated);
    expect(t.truncated![199]).toBe(1);
    // The final row's next observation is where the episode stopped, not the reset after it.
    expect(sub1(t.nextObs, 3)).toEqual(ref.next);
    expect(sub1(t.obs, 3)).toEqual(ref.obs);
  });
});
