/** goal/ReacherReach-v0: kinematics, joint dynamics, goal draws, threshold, solvability, arguments. */
import { describe, expect, it } from 'vitest';
import { Generator } from '../../rng/generator.ts';
import { EnvArgumentError } from '../env.ts';
import { GymEnv } from '../gym-env.ts';
import type { GoalObservation } from './goal-env.ts';
import { ELBOW_LIMIT, fingertip, GOAL_RADIUS, LINK1, LINK2, REACH, reacherReach } from './reacher-reach.ts';

function argumentError(fn: () => unknown): EnvArgumentError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EnvArgumentError);
    return err as EnvArgumentError;
  }
  throw new Error('expected an EnvArgumentError');
}

const params = reacherReach.params({});
const clip = (v: number) => Math.min(Math.max(v, -1), 1);
const wrap = (a: number) => Math.atan2(Math.sin(a), Math.cos(a));

describe('goal/ReacherReach-v0 arm', () => {
  it("uses Gymnasium Reacher's link lengths", () => {
    expect([LINK1, LINK2]).toEqual([0.1, 0.11]);
    expect(fingertip(0, 0)).toEqual([0.1 + 0.11, 0]);
    const [x, y] = fingertip(Math.PI / 2, Math.PI / 2);
    expect(x).toBeCloseTo(-0.11, 15);
    expect(y).toBeCloseTo(0.1, 15);
  });

  it('observes cos/sin of the angles and the speeds; the fingertip is the achieved goal', () => {
    const state = [0.3, -1.2, 0.5, -2, 0.05, -0.1];
    const obs = reacherReach.observation(state, params) as GoalObservation<Float32Array>;
    expect(obs.observation).toEqual(
      Float32Array.of(Math.cos(0.3), Math.cos(-1.2), Math.sin(0.3), Math.sin(-1.2), 0.5, -2),
    );
    expect(obs.achieved_goal).toEqual(Float32Array.from(fingertip(0.3, -1.2)));
    expect(obs.desired_goal).toEqual(Float32Array.of(0.05, -0.1));
    expect(reacherReach.observationSpace(params).contains(obs)).toBe(true);
  });

  it('each joint is a damped rotor: ω += dt·(10·τ − 2·ω), θ += dt·ω', () => {
    const s = [0.2, 0.1, 1, -1, 0, 0];
    const next = reacherReach.transition(s, Float32Array.of(0.5, 3), params);
    const w1 = 1 + 0.05 * (10 * 0.5 - 2 * 1);
    const w2 = -1 + 0.05 * (10 * 1 - 2 * -1); // torque clipped to 1
    expect(next).toEqual([0.2 + 0.05 * w1, 0.1 + 0.05 * w2, w1, w2, 0, 0]);
    expect(s).toEqual([0.2, 0.1, 1, -1, 0, 0]);
  });

  it('joint speeds stay within ±5; the elbow stops at ±3 rad', () => {
    let s = [0, 0, 0, 0, 0, 0];
    for (let t = 0; t < 200; t++) {
      s = reacherReach.transition(s, Float32Array.of(1, 1), params);
      expect(Math.abs(s[2]!)).toBeLessThanOrEqual(5);
      expect(Math.abs(s[3]!)).toBeLessThanOrEqual(5);
      expect(Math.abs(s[1]!)).toBeLessThanOrEqual(ELBOW_LIMIT);
    }
    expect(s[1]).toBe(ELBOW_LIMIT);
    expect(s[3]).toBe(0);
    expect(s[0]).toBeGreaterThan(10); // the shoulder turns freely
    expect(reacherReach.observationSpace(params).contains(reacherReach.observation(s, params))).toBe(true);
  });

  it('draws angles in ±0.1, at rest, and goals uniform in the disk of radius 0.2', () => {
    const rng = Generator.fromSeed(2024);
    let near = 0;
    for (let i = 0; i < 500; i++) {
      const [t1, t2, w1, w2, gx, gy] = reacherReach.initial(rng, params, {}) as [
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      expect(Math.abs(t1)).toBeLessThanOrEqual(0.1);
      expect(Math.abs(t2)).toBeLessThanOrEqual(0.1);
      expect([w1, w2]).toEqual([0, 0]);
      const r = Math.hypot(gx, gy);
      expect(r).toBeLessThan(GOAL_RADIUS);
      if (r < GOAL_RADIUS / 2) near++;
    }
    // Uniform in the disk: a quarter of the goals within half the radius.
    expect(near).toBeGreaterThan(90);
    expect(near).toBeLessThan(160);
    // Rejection sampling as Gymnasium Reacher: redrawn pairs consume the generator.
    const g = Generator.fromSeed(1);
    const t1 = g.uniform(-0.1, 0.1);
    const t2 = g.uniform(-0.1, 0.1);
    let gx: number;
    let gy: number;
    do {
      gx = g.uniform(-0.2, 0.2);
      gy = g.uniform(-0.2, 0.2);
    } while (Math.sqrt(gx * gx + gy * gy) >= 0.2);
    expect(reacherReach.initial(Generator.fromSeed(1), params, {})).toEqual([t1, t2, 0, 0, gx, gy]);
  });
});

describe('goal/ReacherReach-v0 rewards', () => {
  it('is sparse with threshold 0.02: 0 within (inclusive), else -1', () => {
    const achieved = Float64Array.of(0.1, 0, 0.1, 0, 0.1, 0);
    const desired = Float64Array.of(0.1, 0, 0.1, 0.02, 0.1, 0.0200001);
    expect([...reacherReach.computeReward(achieved, desired, 3, params)]).toEqual([0, 0, -1]);
    const state = [0, 0, 0, 0, 0.2, 0.015];
    expect(reacherReach.info!(state, state, params)).toEqual({
      is_success: 1,
      distance: Math.sqrt((Math.fround(0.21) - Math.fround(0.2)) ** 2 + Math.fround(0.015) ** 2),
    });
  });

  it('an inverse-kinematics PD controller reaches every goal within 50 steps', () => {
    const minReach = Math.sqrt(LINK1 ** 2 + LINK2 ** 2 + 2 * LINK1 * LINK2 * Math.cos(ELBOW_LIMIT));
    for (let seed = 0; seed < 30; seed++) {
      const env = new GymEnv(reacherReach);
      const first = env.reset({ seed }).observation as GoalObservation<Float32Array>;
      const [gx, gy] = first.desired_goal as unknown as [number, number];
      const r = Math.min(Math.max(Math.hypot(gx, gy), minReach + 1e-4), REACH - 1e-4);
      const elbow = Math.acos((r * r - LINK1 ** 2 - LINK2 ** 2) / (2 * LINK1 * LINK2));
      const shoulder =
        Math.atan2(gy, gx) - Math.atan2(LINK2 * Math.sin(elbow), LINK1 + LINK2 * Math.cos(elbow));
      let result: { reward: number; info: Record<string, unknown> } | undefined;
      for (let t = 0; t < 50; t++) {
        const [t1, t2, w1, w2] = env.episode!.physical as [number, number, number, number];
        const tau1 = clip(2 * wrap(shoulder - t1) - 0.6 * w1);
        const tau2 = clip(2 * (elbow - t2) - 0.6 * w2);
        result = env.step(Float32Array.of(tau1, tau2));
      }
      expect(result!.info.is_success, `seed ${seed}`).toBe(1);
      expect(result!.reward).toBe(0);
    }
  });
});

describe('goal/ReacherReach-v0 arguments', () => {
  it('distance_threshold is a positive number', () => {
    expect(params).toEqual({ distanceThreshold: 0.02 });
    expect(reacherReach.params({ distance_threshold: 0.05 })).toEqual({ distanceThreshold: 0.05 });
    for (const v of [0, -1, 'x', false]) {
      expect(argumentError(() => reacherReach.params({ distance_threshold: v })).field).toBe(
        'kwargs.distance_threshold',
      );
    }
  });

  it('spaces', () => {
    expect(reacherReach.actionSpace(params).describe()).toMatchObject({ low: [-1, -1], high: [1, 1] });
    const obs = reacherReach.observationSpace(params).describe();
    expect(obs).toEqual({
      type: 'Dict',
      spaces: {
        achieved_goal: {
          type: 'Box',
          dtype: 'float32',
          shape: [2],
          low: [Math.fround(-0.21), Math.fround(-0.21)],
          high: [Math.fround(0.21), Math.fround(0.21)],
        },
        desired_goal: {
          type: 'Box',
          dtype: 'float32',
          shape: [2],
          low: [Math.fround(-0.2), Math.fround(-0.2)],
          high: [Math.fround(0.2), Math.fround(0.2)],
        },
        observation: {
          type: 'Box',
          dtype: 'float32',
          shape: [6],
          low: [-1, -1, -1, -1, -5, -5],
          high: [1, 1, 1, 1, 5, 5],
        },
      },
    });
  });

  it('parseState checks the elbow range, speeds and the goal disk', () => {
    expect(reacherReach.parseState([12, -3, 5, -5, 0.1, -0.1], params)).toEqual([12, -3, 5, -5, 0.1, -0.1]);
    expect(argumentError(() => reacherReach.parseState([0, 3.1, 0, 0, 0, 0], params)).field).toBe(
      'options.state.1',
    );
    expect(argumentError(() => reacherReach.parseState([0, 0, 5.5, 0, 0, 0], params)).field).toBe(
      'options.state.2',
    );
    expect(argumentError(() => reacherReach.parseState([0, 0, 0, 0, 0.15, 0.15], params)).field).toBe(
      'options.state.4',
    );
    expect(argumentError(() => reacherReach.parseState([0, 0, 0, 0, 0], params)).field).toBe('options.state');
  });
});
