/** Kwargs, reset options, client states, spaces and docs of the classic-control envs. */
import { describe, expect, it } from 'vitest';
import { Generator } from '../../rng/generator.ts';
import type { SpaceValue } from '../../spaces/space.ts';
import { EnvArgumentError, type EnvDefinition } from '../env.ts';
import { resetEpisode, stepEpisode } from '../episode.ts';
import { acrobot } from './acrobot.ts';
import { cartPole } from './cart-pole.ts';
import { classicControlEnvs } from './index.ts';
import { mountainCar } from './mountain-car.ts';
import { mountainCarContinuous } from './mountain-car-continuous.ts';
import { pendulum } from './pendulum.ts';

/** Runs `fn` and returns the EnvArgumentError it throws (failing the test otherwise). */
function argumentError(fn: () => unknown): EnvArgumentError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EnvArgumentError);
    return err as EnvArgumentError;
  }
  throw new Error('expected an EnvArgumentError');
}

function paramsOf<P, A extends SpaceValue>(def: EnvDefinition<P, A>): P {
  return def.params(def.defaultKwargs);
}

const rng = () => Generator.fromSeed(0);

describe('the classic-control list', () => {
  it('holds the five envs with Gymnasium ids, limits and thresholds', () => {
    expect(classicControlEnvs.map((d) => [d.id, d.maxEpisodeSteps, d.rewardThreshold])).toEqual([
      ['CartPole-v1', 500, 475],
      ['MountainCar-v0', 200, -110],
      ['MountainCarContinuous-v0', 999, 90],
      ['Pendulum-v1', 200, undefined],
      ['Acrobot-v1', 500, -100],
    ]);
  });

  it.each(classicControlEnvs.map((d) => [d.id, d] as const))('%s carries a full doc block', (_id, def) => {
    for (const key of [
      'description',
      'action_space',
      'observation_space',
      'rewards',
      'starting_state',
      'episode_end',
      'arguments',
      'version_history',
    ] as const) {
      expect(def.doc[key].length, key).toBeGreaterThan(20);
    }
  });

  it.each(classicControlEnvs.map((d) => [d.id, d] as const))('%s default kwargs build params', (_id, def) => {
    expect(() => def.params(def.defaultKwargs)).not.toThrow();
    expect(() => def.params({})).not.toThrow();
  });

  it.each(classicControlEnvs.map((d) => [d.id, d] as const))('%s rejects unknown kwargs', (_id, def) => {
    const err = argumentError(() => def.params({ render_mode: 'human' }));
    expect(err.field).toBe('kwargs.render_mode');
  });

  it.each(classicControlEnvs.map((d) => [d.id, d] as const))(
    '%s observations are float32 and in space',
    (_id, def) => {
      const params = paramsOf(def);
      const state = def.initial(rng(), params, {});
      const obs = def.observation(state, params);
      expect(obs).toBeInstanceOf(Float32Array);
      expect(def.observationSpace(params).contains(obs)).toBe(true);
      // An action sampled from the space steps without trouble.
      const action = def.actionSpace(params).sample(rng());
      const next = def.transition(state, action, params, rng());
      expect(next).toHaveLength(state.length);
      expect(next.every(Number.isFinite)).toBe(true);
    },
  );
});

describe('spaces', () => {
  it('match Gymnasium', () => {
    const p = paramsOf;
    expect(cartPole.actionSpace(p(cartPole)).describe()).toMatchObject({ type: 'Discrete', n: 2, start: 0 });
    expect(cartPole.observationSpace(p(cartPole)).describe()).toMatchObject({
      type: 'Box',
      dtype: 'float32',
      shape: [4],
      high: [Math.fround(4.8), Infinity, Math.fround(((12 * 2 * Math.PI) / 360) * 2), Infinity],
    });
    expect(pendulum.actionSpace(p(pendulum)).describe()).toMatchObject({ shape: [1], low: [-2], high: [2] });
    expect(pendulum.observationSpace(p(pendulum)).describe()).toMatchObject({
      low: [-1, -1, -8],
      high: [1, 1, 8],
    });
    expect(mountainCar.actionSpace(p(mountainCar)).describe()).toMatchObject({ n: 3 });
    expect(mountainCar.observationSpace(p(mountainCar)).describe()).toMatchObject({
      low: [Math.fround(-1.2), Math.fround(-0.07)],
      high: [Math.fround(0.6), Math.fround(0.07)],
    });
    expect(mountainCarContinuous.actionSpace(p(mountainCarContinuous)).describe()).toMatchObject({
      low: [-1],
      high: [1],
    });
    expect(acrobot.observationSpace(p(acrobot)).describe()).toMatchObject({
      shape: [6],
      high: [1, 1, 1, 1, Math.fround(4 * Math.PI), Math.fround(9 * Math.PI)],
    });
    expect(acrobot.actionSpace(p(acrobot)).describe()).toMatchObject({ n: 3 });
  });
});

describe('kwargs', () => {
  it('CartPole: sutton_barto_reward must be a boolean and changes the reward', () => {
    expect(argumentError(() => cartPole.params({ sutton_barto_reward: 1 })).field).toBe(
      'kwargs.sutton_barto_reward',
    );
    const sb = cartPole.params({ sutton_barto_reward: true });
    const plain = cartPole.params({});
    const up = [0, 0, 0, 0];
    const fallen = [0, 0, 0.3, 0];
    expect(cartPole.reward(up, 1, up, plain)).toBe(1);
    expect(cartPole.reward(up, 1, fallen, plain)).toBe(1);
    expect(cartPole.reward(up, 1, up, sb)).toBe(0);
    expect(cartPole.reward(up, 1, fallen, sb)).toBe(-1);
  });

  it('Pendulum: g must be a finite number', () => {
    expect(pendulum.params({ g: 9.81 })).toEqual({ g: 9.81 });
    expect(argumentError(() => pendulum.params({ g: '9.81' })).field).toBe('kwargs.g');
    expect(argumentError(() => pendulum.params({ g: Number.NaN })).field).toBe('kwargs.g');
    expect(argumentError(() => pendulum.params({ g: null })).field).toBe('kwargs.g');
  });

  it('MountainCar(Continuous): goal_velocity must be a finite number', () => {
    for (const def of [mountainCar, mountainCarContinuous] as EnvDefinition[]) {
      expect(def.params({ goal_velocity: 0.01 })).toEqual({ goalVelocity: 0.01 });
      expect(argumentError(() => def.params({ goal_velocity: true })).field).toBe('kwargs.goal_velocity');
      expect(argumentError(() => def.params({ goal_velocity: Infinity })).field).toBe('kwargs.goal_velocity');
    }
  });

  it('Acrobot takes no kwargs', () => {
    expect(argumentError(() => acrobot.params({ book_or_nips: 'nips' })).field).toBe('kwargs.book_or_nips');
  });
});

describe('reset options', () => {
  const boundsEnvs = [cartPole, mountainCar, mountainCarContinuous, acrobot] as EnvDefinition[];

  it.each(boundsEnvs.map((d) => [d.id, d] as const))(
    '%s: low/high must be numbers with low <= high',
    (_id, def) => {
      const params = paramsOf(def);
      const init = (options: Record<string, unknown>) => def.initial(rng(), params, options);
      expect(argumentError(() => init({ low: 'a' })).field).toBe('options.low');
      expect(argumentError(() => init({ high: null })).field).toBe('options.high');
      expect(argumentError(() => init({ low: Number.NaN })).field).toBe('options.low');
      expect(argumentError(() => init({ low: 0.5, high: 0.1 })).field).toBe('options.low');
      expect(argumentError(() => init({ high: -5 })).field).toBe('options.high');
      expect(argumentError(() => init({ low: -1e308, high: 1e308 })).field).toBe('options.high');
      // Equal bounds are fine, and unknown option keys are ignored, as in Gymnasium.
      const s = init({ low: -0.3, high: -0.3, other: 1 });
      expect(s[0]).toBe(def === acrobot ? Math.fround(-0.3) : -0.3);
    },
  );

  it('partial bounds keep the other default (Gymnasium draws U(low, default high))', () => {
    const params = paramsOf(mountainCar);
    const drawn = mountainCar.initial(rng(), params, { low: -0.45 })[0]!;
    expect(drawn).toBe(-0.45 + (-0.4 - -0.45) * Generator.fromSeed(0).random());
  });

  it('Pendulum: x_init / y_init must be non-negative numbers', () => {
    const params = paramsOf(pendulum);
    const init = (options: Record<string, unknown>) => pendulum.initial(rng(), params, options);
    expect(argumentError(() => init({ x_init: 'pi' })).field).toBe('options.x_init');
    expect(argumentError(() => init({ y_init: -1 })).field).toBe('options.y_init');
    expect(argumentError(() => init({ x_init: -0.5 })).field).toBe('options.x_init');
    expect(argumentError(() => init({ x_init: 1e308 })).field).toBe('options.x_init');
    const [th, thDot] = init({ x_init: 0.5, y_init: 0 }) as [number, number];
    expect(Math.abs(th)).toBeLessThanOrEqual(0.5);
    expect(thDot).toBe(0);
    // Without options the bounds are π and 1: the same draws as an empty options object.
    expect(init({})).toEqual(init({ x_init: Math.PI, y_init: 1 }));
  });
});

describe('parseState', () => {
  it.each(classicControlEnvs.map((d) => [d.id, d] as const))('%s validates length and values', (_id, def) => {
    const params = paramsOf(def);
    const n = def.initial(rng(), params, {}).length;
    const good = Array.from({ length: n }, (_, i) => 0.1 * (i + 1));
    expect(def.parseState(good, params)).toHaveLength(n);
    expect(def.parseState(Float64Array.from(good), params)).toHaveLength(n);
    expect(argumentError(() => def.parseState(good.slice(1), params)).field).toBe('options.state');
    expect(argumentError(() => def.parseState('1,2', params)).field).toBe('options.state');
    expect(argumentError(() => def.parseState({ 0: 1 }, params)).field).toBe('options.state');
    const bad: unknown[] = [...good];
    bad[1] = Number.POSITIVE_INFINITY;
    expect(argumentError(() => def.parseState(bad, params)).field).toBe('options.state.1');
    bad[1] = '0.2';
    expect(argumentError(() => def.parseState(bad, params)).field).toBe('options.state.1');
  });

  it('keeps float64 precision except for Acrobot, which is float32 at reset', () => {
    expect(cartPole.parseState([0.1, 0.2, 0.3, 0.4], {} as never)).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(mountainCarContinuous.parseState([0.1, 0.2], {} as never)).toEqual([0.1, 0.2]);
    expect(acrobot.parseState([0.1, 0.2, 0.3, 0.4], {})).toEqual([0.1, 0.2, 0.3, 0.4].map(Math.fround));
  });
});

describe('dynamics details', () => {
  it('Pendulum keeps theta unwrapped and rewards the pre-step state with the clipped torque', () => {
    const params = pendulum.params({});
    const state = [7.0, 7.9];
    const next = pendulum.transition(state, Float32Array.of(5), params, rng());
    expect(next[1]).toBe(8); // clipped angular velocity
    expect(next[0]).toBe(7.0 + 8 * 0.05); // not wrapped into [-π, π)
    const a = 7.0 + Math.PI - 2 * Math.PI - Math.PI;
    expect(pendulum.reward(state, Float32Array.of(5), next, params)).toBeCloseTo(
      -(a * a + 0.1 * 7.9 * 7.9 + 0.001 * 4),
      12,
    );
    // Negative angles normalise with a floored modulo.
    expect(pendulum.reward([-7.0, 0], Float32Array.of(0), [0, 0], params)).toBeCloseTo(
      -((-7.0 + 2 * Math.PI) ** 2),
      12,
    );
  });

  it('MountainCarContinuous charges the unclipped action and stores float32', () => {
    const params = mountainCarContinuous.params({});
    const action = Float32Array.of(1.5);
    const next = mountainCarContinuous.transition([-0.5, 0], action, params, rng());
    expect(next.every((v) => Math.fround(v) === v)).toBe(true);
    expect(mountainCarContinuous.reward([-0.5, 0], action, next, params)).toBe(-(1.5 * 1.5 * 0.1));
    const goal = [0.45, 0.01].map(Math.fround);
    expect(mountainCarContinuous.terminal([0.46, 0.01], params)).toBe(true);
    expect(mountainCarContinuous.reward([0.44, 0.01], action, [0.46, 0.01], params)).toBe(
      100 - 1.5 * 1.5 * 0.1,
    );
    expect(mountainCarContinuous.terminal(goal, params)).toBe(false); // float32(0.45) < 0.45
  });

  it('MountainCar stops at the left wall', () => {
    const params = mountainCar.params({});
    expect(mountainCar.transition([-1.19, -0.07], 0, params, rng())).toEqual([-1.2, 0]);
  });

  it('Acrobot wraps angles and bounds velocities', () => {
    const next = acrobot.transition([3.1, 3.1, 12.5, 28], 2, {}, rng());
    expect(Math.abs(next[0]!)).toBeLessThanOrEqual(Math.PI);
    expect(Math.abs(next[1]!)).toBeLessThanOrEqual(Math.PI);
    expect(Math.abs(next[2]!)).toBeLessThanOrEqual(4 * Math.PI);
    expect(Math.abs(next[3]!)).toBeLessThanOrEqual(9 * Math.PI);
    expect(acrobot.terminal([Math.PI, 0, 0, 0], {})).toBe(true);
    expect(acrobot.reward([0, 0, 0, 0], 1, [Math.PI, 0, 0, 0], {})).toBe(0);
    expect(acrobot.reward([0, 0, 0, 0], 1, [0, 0, 0, 0], {})).toBe(-1);
  });
});

describe('through the reset/step adapter', () => {
  it('seed 0 gives the CartPole observation quoted in the parity notes', () => {
    const { observation, state } = resetEpisode(cartPole, { seed: 0 });
    const expected = [0.01369617, -0.02302133, -0.04590265, -0.04834724];
    for (const [i, v] of expected.entries()) expect((observation as Float32Array)[i]).toBeCloseTo(v, 7);
    const step = stepEpisode(cartPole, state, 1);
    expect(step.reward).toBe(1);
    expect(step.terminated).toBe(false);
  });

  it('options.state starts from a given state', () => {
    const { observation } = resetEpisode(pendulum, { seed: 1, options: { state: [Math.PI, 0.5] } });
    expect(Array.from(observation as Float32Array)).toEqual([
      Math.fround(-1),
      Math.fround(Math.sin(Math.PI)),
      0.5,
    ]);
  });
});
