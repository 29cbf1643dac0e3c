import { describe, expect, it } from 'vitest';
import { classicControlEnvs } from '../envs/classic-control/index.ts';
import type { EnvDefinition } from '../envs/env.ts';
import { GymEnv } from '../envs/gym-env.ts';
import { envInstance } from '../envs/instance.ts';
import { Generator } from '../rng/generator.ts';
import { transitionSchema } from './columns.ts';
import { randomPolicy } from './policy.ts';
import { TransitionRecorder } from './recorder.ts';
import { runRollout } from './rollout.ts';

const env = (id: string) => classicControlEnvs.find((e) => e.id === id) as EnvDefinition;

/** The episode as a plain GymEnv loop with random actions from a generator seeded like the rollout's. */
function reference(def: EnvDefinition, seed: number) {
  const gym = new GymEnv(def);
  let obs = Array.from(gym.reset({ seed }).observation as ArrayLike<number>);
  const rng = Generator.fromSeed(seed);
  const rows: { obs: number[]; next: number[]; reward: number; terminated: boolean; truncated: boolean }[] =
    [];
  for (;;) {
    let action = gym.actionSpace.sample(rng);
    if (ArrayBuffer.isView(action)) action = Array.from(action as ArrayLike<number>);
    const step = gym.step(action);
    const next = Array.from(step.observation as ArrayLike<number>);
    rows.push({ obs, next, reward: step.reward, terminated: step.terminated, truncated: step.truncated });
    obs = next;
    if (step.terminated || step.truncated) return rows;
  }
}

describe('rollout runner', () => {
  it('records a time-limited episode as Gymnasium steps it, truncated on its last row', () => {
    const def = env('Pendulum-v1');
    const recorder = new TransitionRecorder();
    const policy = randomPolicy(envInstance(def, {}).actionSpace);
    const summary = runRollout(def, { policy, seed: 4, recorder });
    const t = recorder.drain();
    const ref = reference(def, 4);
    expect(summary).toMatchObject({ seed: 4, length: 200, terminated: false, truncated: true });
    expect(t.n).toBe(200);
    expect([...t.obs]).toEqual(ref.flatMap((r) => r.obs).map(Math.fround));
    expect([...t.nextObs]).toEqual(ref.flatMap((r) => r.next).map(Math.fround));
    expect([...t.reward]).toEqual(ref.map((r) => Math.fround(r.reward)));
    expect(summary.return).toBe(ref.reduce((s, r) => s + r.reward, 0));
    expect(t.truncated!.indexOf(1)).toBe(199);
    expect(t.truncated!.reduce((a, b) => a + b, 0)).toBe(1);
    expect(t.terminated.every((x) => x === 0)).toBe(true);
  });

  it('records terminations, with Discrete actions as indices', () => {
    const def = env('CartPole-v1');
    const recorder = new TransitionRecorder();
    const summary = runRollout(def, {
      policy: randomPolicy(envInstance(def, {}).actionSpace),
      seed: 0,
      recorder,
    });
    const t = recorder.drain();
    expect(summary.terminated).toBe(true);
    expect(summary.truncated).toBe(false);
    expect(t.terminated[t.n - 1]).toBe(1);
    expect(t.terminated.subarray(0, -1).every((x) => x === 0)).toBe(true);
    expect(t.truncated!.every((x) => x === 0)).toBe(true);
    expect(t.action.every((a) => a === 0 || a === 1)).toBe(true);
  });

  it('an episode cut by maxSteps is truncated there; optional columns come from extras', () => {
    const def = env('Pendulum-v1');
    const schema = transitionSchema({ obsDim: 3, actionDim: 1, task: true });
    const recorder = new TransitionRecorder(schema);
    let calls = 0;
    const summary = runRollout(def, {
      policy: { act: () => [0.5] },
      seed: 1,
      maxSteps: 20,
      recorder,
      extras: () => ({ task: 3 }),
      onStep: (n) => {
        calls = n;
      },
    });
    const t = recorder.drain();
    expect([summary.length, summary.truncated, calls]).toEqual([20, true, 20]);
    expect(t.truncated![19]).toBe(1);
    expect([...t.extra!.task!]).toEqual(new Array(20).fill(3));
    expect(t.action.every((a) => a === 0.5)).toBe(true);
  });
});
