/** tasks/Pendulum-v0: parity with Pendulum-v1 under the default task, and dynamics per task. */
import { describe, expect, it } from 'vitest';
import {
  argumentError,
  expectBatchedAgree,
  paramsWith,
  randomBoxActions,
  rollout,
} from '../../../test/helpers/task-envs.ts';
import { Generator } from '../../rng/generator.ts';
import { pendulum } from '../classic-control/pendulum.ts';
import { GymEnv } from '../gym-env.ts';
import { PENDULUM_DEFAULT_TASK, pendulumTasks } from './pendulum.ts';

const def = pendulumTasks;

describe('tasks/Pendulum-v0', () => {
  it('with the default task is Pendulum-v1 to the bit (action a here = action 2a there)', () => {
    const classicParams = pendulum.params({});
    const params = paramsWith(def, PENDULUM_DEFAULT_TASK);
    for (const seed of [0, 1, 42]) {
      const s0 = def.initial(Generator.fromSeed(seed), params, {});
      expect(s0).toEqual(pendulum.initial(Generator.fromSeed(seed), classicParams, {}));
      // Actions beyond ±1 check that the clipping matches too.
      const actions = randomBoxActions(seed, 200, 1, 1.5);
      const mine = rollout(def, params, s0, actions);
      const classic = rollout(
        pendulum,
        classicParams,
        s0,
        actions.map((a) => Float32Array.of(2 * a[0]!)),
      );
      expect(mine).toHaveLength(200);
      mine.forEach((step, i) => {
        const c = classic[i]!;
        expect(step.next).toEqual(c.next);
        expect(Object.is(step.reward, c.reward), `step ${i} reward`).toBe(true);
        expect(Array.from(step.nextObs as Float32Array)).toEqual(Array.from(c.nextObs as Float32Array));
      });
    }
  });

  it('through the stateful adapter, with the default task named in the reset', () => {
    const mine = new GymEnv(def);
    const classic = new GymEnv(pendulum);
    expect(
      Array.from(
        mine.reset({ seed: 7, options: { task: PENDULUM_DEFAULT_TASK } }).observation as Float32Array,
      ),
    ).toEqual(Array.from(classic.reset({ seed: 7 }).observation as Float32Array));
    for (let i = 0; i < 200; i++) {
      const a = Math.sin(i / 7);
      const x = mine.step([a]);
      const y = classic.step([2 * Math.fround(a)]);
      expect(Array.from(x.observation as Float32Array)).toEqual(Array.from(y.observation as Float32Array));
      expect(x.reward).toBe(y.reward);
      expect(x.truncated).toBe(y.truncated);
    }
  });

  it('one step matches the equations for a hand-picked task', () => {
    const params = paramsWith(def, { mass: 2, length: 0.5, gravity: 8, max_torque: 1 });
    const [th, thDot] = def.transition([0.5, 0], Float32Array.of(1), params);
    // theta_dot' = (3g/(2l)·sin θ + 3/(m l²)·u)·dt with u = 1·max_torque.
    const expected = (((3 * 8) / (2 * 0.5)) * Math.sin(0.5) + 3 / (2 * 0.25)) * 0.05;
    expect(thDot).toBeCloseTo(expected, 14);
    expect(th).toBeCloseTo(0.5 + expected * 0.05, 14);
    // Reward uses the applied torque: -(θ² + 0.1 θ̇² + 0.001 u²) before the step.
    expect(def.reward([0.5, 0], Float32Array.of(1), [th!, thDot!], params)).toBeCloseTo(-(0.25 + 0.001), 14);
  });

  it('each parameter changes the dynamics', () => {
    const state = [0.7, -0.3];
    const action = Float32Array.of(0.8);
    const base = def.transition(state, action, paramsWith(def, {}));
    for (const [key, value] of [
      ['mass', 1.25],
      ['length', 0.8],
      ['gravity', 11.5],
      ['max_torque', 2.3],
    ] as const) {
      const next = def.transition(state, action, paramsWith(def, { [key]: value }));
      expect(Math.abs(next[1]! - base[1]!), key).toBeGreaterThan(1e-3);
    }
    // A stronger motor: more acceleration for the same action, by exactly 3/(m l²)·Δu·dt.
    const strong = def.transition(state, action, paramsWith(def, { max_torque: 2.8 }));
    expect(strong[1]! - base[1]!).toBeCloseTo(3 * Math.fround(0.8) * (2.8 - 2) * 0.05, 12);
  });

  it('two train tasks give measurably different trajectories from the same state and actions', () => {
    const rng = Generator.fromSeed(9);
    const p0 = def.params({});
    const [a, b] = [def.tasks!.sample(rng, 'train', p0), def.tasks!.sample(rng, 'train', p0)];
    const actions = randomBoxActions(3, 20, 1);
    const ra = rollout(def, def.tasks!.apply(p0, a!), [1, 0], actions);
    const rb = rollout(def, def.tasks!.apply(p0, b!), [1, 0], actions);
    expect(Math.abs(ra.at(-1)!.next[0]! - rb.at(-1)!.next[0]!)).toBeGreaterThan(1e-2);
  });

  it('batched reward and termination agree with the steps under a test task', () => {
    const p0 = def.params({});
    const params = def.tasks!.apply(p0, def.tasks!.sample(Generator.fromSeed(4), 'test', p0));
    const steps = rollout(
      def,
      params,
      def.initial(Generator.fromSeed(4), params, {}),
      randomBoxActions(5, 100, 1, 1.2),
    );
    expectBatchedAgree(def, params, steps);
  });

  it('spaces, kwargs and state', () => {
    const params = def.params({});
    expect(def.actionSpace(params).describe()).toMatchObject({
      type: 'Box',
      low: [-1],
      high: [1],
      shape: [1],
    });
    expect(def.observationSpace(params).describe()).toMatchObject({ low: [-1, -1, -8], high: [1, 1, 8] });
    expect(argumentError(() => def.params({ g: 9.8 })).field).toBe('kwargs.g');
    expect(def.parseState([1, 2], params)).toEqual([1, 2]);
    expect(argumentError(() => def.parseState([1], params)).field).toBe('options.state');
  });
});
