/** goal/PointReach-v0 and goal/PointReachSparse-v0: dynamics, rewards, solvability, arguments. */
import { describe, expect, it } from 'vitest';
import { Generator } from '../../rng/generator.ts';
import { EnvArgumentError } from '../env.ts';
import { GymEnv } from '../gym-env.ts';
import type { GoalObservation } from './goal-env.ts';
import { pointReach } from './point-reach.ts';
import { pointReachSparse } from './point-reach-sparse.ts';

function argumentError(fn: () => unknown): EnvArgumentError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EnvArgumentError);
    return err as EnvArgumentError;
  }
  throw new Error('expected an EnvArgumentError');
}

const dense = pointReach.params({});
const sparse = pointReachSparse.params({});
const clip = (v: number) => Math.min(Math.max(v, -1), 1);

describe('goal/PointReach(Sparse)-v0 dynamics', () => {
  it('draws position then goal with numpy uniform(-1, 1), at rest', () => {
    // np.random.default_rng(123).uniform(-1, 1) four times.
    const expected = [
      0.3647037264962869, -0.8923579623955546, 0, 0, -0.5592802544547772, -0.6312563786026606,
    ];
    expect(pointReach.initial(Generator.fromSeed(123), dense, {})).toEqual(expected);
    expect(pointReachSparse.initial(Generator.fromSeed(123), sparse, {})).toEqual(expected);
  });

  it('steps a damped double integrator with semi-implicit Euler', () => {
    const s = [0.1, -0.2, 0.5, 0, 0, 0];
    const next = pointReach.transition(s, Float32Array.of(1, -0.5), dense);
    const vx = 0.5 + 0.1 * (2 * 1 - 2 * 0.5);
    const vy = 0 + 0.1 * (2 * -0.5 - 0);
    expect(next).toEqual([0.1 + 0.1 * vx, -0.2 + 0.1 * vy, vx, vy, 0, 0]);
    expect(s).toEqual([0.1, -0.2, 0.5, 0, 0, 0]);
    // Forces are clipped to [-1, 1].
    expect(pointReach.transition(s, Float32Array.of(7, -3), dense)).toEqual(
      pointReach.transition(s, Float32Array.of(1, -1), dense),
    );
  });

  it('full force approaches, never exceeds, the speed limit 1; walls stop the point', () => {
    let s = [-1, 0, 0, 0, 0, 0];
    let hitWall = false;
    for (let t = 0; t < 60; t++) {
      s = pointReach.transition(s, Float32Array.of(1, 0), dense);
      expect(Math.abs(s[2]!)).toBeLessThanOrEqual(1);
      expect(Math.abs(s[0]!)).toBeLessThanOrEqual(1);
      if (s[0] === 1) {
        expect(s[2]).toBe(0);
        hitWall = true;
        break;
      }
    }
    expect(hitWall).toBe(true);
    const wall = pointReach.transition([0.99, 0.5, 1, 0, 0, 0], Float32Array.of(1, 0), dense);
    expect(wall.slice(0, 4)).toEqual([1, 0.5, 0, 0]);
  });

  it('dense and sparse envs share the dynamics and observations', () => {
    const a = new GymEnv(pointReach);
    const b = new GymEnv(pointReachSparse);
    expect(b.reset({ seed: 4 })).toEqual(a.reset({ seed: 4 }));
    const rng = Generator.fromSeed(9);
    for (let t = 0; t < 20; t++) {
      const action = a.actionSpace.sample(rng);
      const sa = a.step(action);
      const sb = b.step(action);
      expect(sb.observation).toEqual(sa.observation);
      expect(sb.info).toEqual(sa.info);
      expect(sa.reward).toBe(0 - (sa.info.distance as number));
      expect(sb.reward).toBe((sa.info.distance as number) > 0.05 ? -1 : 0);
    }
  });
});

describe('goal/PointReach(Sparse)-v0 rewards', () => {
  it('dense: minus the Euclidean distance; sparse: 0 within 0.05 (inclusive), else -1', () => {
    const achieved = Float64Array.of(0, 0, 0, 0, 0, 0, 0.3, 0.4);
    const desired = Float64Array.of(0, 0, 0.05, 0, 0.0500001, 0, 0, 0);
    expect([...pointReach.computeReward(achieved, desired, 4, dense)]).toEqual([0, -0.05, -0.0500001, -0.5]);
    expect(Object.is(pointReach.computeReward(achieved, desired, 4, dense)[0], 0)).toBe(true);
    expect([...pointReachSparse.computeReward(achieved, desired, 4, sparse)]).toEqual([0, 0, -1, -1]);
  });

  it('the step reward uses the float32 goals the observation shows', () => {
    const state = [0.1, 0.2, 0, 0, 0.3, 0.7];
    const next = pointReach.transition(state, Float32Array.of(0, 0), dense);
    const obs = pointReach.observation(next, dense) as GoalObservation<Float32Array>;
    const d = Math.hypot(Math.fround(0.1) - Math.fround(0.3), Math.fround(0.2) - Math.fround(0.7));
    expect(pointReach.reward(state, Float32Array.of(0, 0), next, dense)).toBeCloseTo(-d, 15);
    expect(pointReach.reward(state, Float32Array.of(0, 0), next, dense)).toBe(
      pointReach.computeReward(
        Float64Array.from(obs.achieved_goal),
        Float64Array.from(obs.desired_goal),
        1,
        dense,
      )[0],
    );
  });

  it('distance_threshold sets the success radius', () => {
    const wide = pointReachSparse.params({ distance_threshold: 0.6 });
    const achieved = Float64Array.of(0.3, 0.4);
    const desired = Float64Array.of(0, 0);
    expect(pointReachSparse.computeReward(achieved, desired, 1, wide)[0]).toBe(0);
    expect(pointReachSparse.computeReward(achieved, desired, 1, sparse)[0]).toBe(-1);
    const state = [0.3, 0.4, 0, 0, 0, 0];
    expect(pointReach.info!(state, state, pointReach.params({ distance_threshold: 0.6 }))).toEqual({
      is_success: 1,
      distance: Math.sqrt(Math.fround(0.3) ** 2 + Math.fround(0.4) ** 2),
    });
    expect(pointReach.info!(state, state, dense).is_success).toBe(0);
  });

  it.each([
    ['dense', pointReach],
    ['sparse', pointReachSparse],
  ])('%s: a PD controller reaches every goal within 50 steps', (_name, def) => {
    for (let seed = 0; seed < 20; seed++) {
      const env = new GymEnv(def);
      let obs = env.reset({ seed }).observation as GoalObservation<Float32Array>;
      let last: { reward: number; truncated: boolean; info: Record<string, unknown> } | undefined;
      for (let t = 0; t < 50; t++) {
        const [x, y, vx, vy] = obs.observation as unknown as [number, number, number, number];
        const [gx, gy] = obs.desired_goal as unknown as [number, number];
        last = env.step(Float32Array.of(clip(4 * (gx - x) - 1.5 * vx), clip(4 * (gy - y) - 1.5 * vy)));
        obs = (last as unknown as { observation: GoalObservation<Float32Array> }).observation;
      }
      expect(last!.truncated).toBe(true);
      expect(last!.info.is_success, `seed ${seed}`).toBe(1);
      if (def === pointReachSparse) expect(last!.reward).toBe(0);
    }
  });
});

describe('goal/PointReach(Sparse)-v0 arguments', () => {
  it('distance_threshold is a positive number', () => {
    expect(pointReach.params({ distance_threshold: 0.1 })).toEqual({ sparse: false, distanceThreshold: 0.1 });
    expect(pointReachSparse.params({})).toEqual({ sparse: true, distanceThreshold: 0.05 });
    for (const v of [0, -0.1, '0.1', null, Infinity]) {
      expect(argumentError(() => pointReach.params({ distance_threshold: v })).field).toBe(
        'kwargs.distance_threshold',
      );
    }
  });

  it('spaces', () => {
    expect(pointReach.actionSpace(dense).describe()).toMatchObject({
      dtype: 'float32',
      low: [-1, -1],
      high: [1, 1],
    });
    expect(pointReach.observationSpace(dense).describe()).toEqual({
      type: 'Dict',
      spaces: {
        achieved_goal: { type: 'Box', dtype: 'float32', shape: [2], low: [-1, -1], high: [1, 1] },
        desired_goal: { type: 'Box', dtype: 'float32', shape: [2], low: [-1, -1], high: [1, 1] },
        observation: { type: 'Box', dtype: 'float32', shape: [4], low: [-1, -1, -1, -1], high: [1, 1, 1, 1] },
      },
    });
  });

  it('parseState keeps positions, velocities and goals within [-1, 1]', () => {
    expect(pointReach.parseState([0.5, -1, 1, -0.2, 0.9, -0.9], dense)).toEqual([
      0.5, -1, 1, -0.2, 0.9, -0.9,
    ]);
    expect(argumentError(() => pointReach.parseState([0, 0, 0, 0, 0], dense)).field).toBe('options.state');
    expect(argumentError(() => pointReach.parseState([1.5, 0, 0, 0, 0, 0], dense)).field).toBe(
      'options.state.0',
    );
    expect(argumentError(() => pointReach.parseState([0, 0, 0, -2, 0, 0], dense)).field).toBe(
      'options.state.3',
    );
    expect(argumentError(() => pointReach.parseState([0, 0, 0, 0, 0, 1.01], dense)).field).toBe(
      'options.state.5',
    );
    expect(argumentError(() => pointReach.parseState([0, 0, 0, 0, Number.NaN, 0], dense)).field).toBe(
      'options.state.4',
    );
  });
});
