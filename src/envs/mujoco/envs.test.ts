import { beforeAll, describe, expect, it } from 'vitest';
import { Generator } from '../../rng/generator.ts';
import { Box } from '../../spaces/box.ts';
import { EnvArgumentError, type EnvDefinition } from '../env.ts';
import { type EpisodeState, resetEpisode, stepEpisode } from '../episode.ts';
import { float64SumOfSquares } from './common.ts';
import { loadMujocoEnvs } from './index.ts';
import type { MujocoEnvDefinition } from './mujoco-env.ts';

let envs: MujocoEnvDefinition<unknown>[];
const byId = (id: string) => envs.find((e) => e.id === id)! as unknown as EnvDefinition;
const mujocoDef = (id: string) => envs.find((e) => e.id === id)!;

beforeAll(async () => {
  // The v5 envs; the task envs that follow them are tested in tasks/.
  envs = ((await loadMujocoEnvs()) as unknown as MujocoEnvDefinition<unknown>[]).filter(
    (e) => !e.id.startsWith('tasks/'),
  );
});

/** Observation shape, Gymnasium v5 (default kwargs), and the action bounds. */
const SPECS: Record<string, { obs: number; act: number[]; maxSteps: number; threshold?: number }> = {
  'Reacher-v5': { obs: 10, act: [1, 1], maxSteps: 50, threshold: -3.75 },
  'InvertedPendulum-v5': { obs: 4, act: [3], maxSteps: 1000, threshold: 950 },
  'InvertedDoublePendulum-v5': { obs: 9, act: [1], maxSteps: 1000, threshold: 9100 },
  'HalfCheetah-v5': { obs: 17, act: [1, 1, 1, 1, 1, 1], maxSteps: 1000, threshold: 4800 },
  'Hopper-v5': { obs: 11, act: [1, 1, 1], maxSteps: 1000, threshold: 3800 },
  'Swimmer-v5': { obs: 8, act: [1, 1], maxSteps: 1000, threshold: 360 },
  'Walker2d-v5': { obs: 17, act: [1, 1, 1, 1, 1, 1], maxSteps: 1000 },
  'Ant-v5': { obs: 105, act: [1, 1, 1, 1, 1, 1, 1, 1], maxSteps: 1000, threshold: 6000 },
};

/** Each env's reward recomposed from its info terms, in Gymnasium's order of operations. */
const REWARD_FROM_INFO: Record<string, (i: Record<string, number>) => number> = {
  'Reacher-v5': (i) => i.reward_dist! + i.reward_ctrl!,
  'InvertedPendulum-v5': (i) => i.reward_survive!,
  'InvertedDoublePendulum-v5': (i) => i.reward_survive! + i.distance_penalty! + i.velocity_penalty!,
  'HalfCheetah-v5': (i) => i.reward_forward! + i.reward_ctrl!,
  'Hopper-v5': (i) => i.reward_forward! + i.reward_survive! + i.reward_ctrl!,
  'Swimmer-v5': (i) => i.reward_forward! + i.reward_ctrl!,
  'Walker2d-v5': (i) => i.reward_forward! + i.reward_survive! + i.reward_ctrl!,
  'Ant-v5': (i) => i.reward_forward! + i.reward_survive! - (-i.reward_ctrl! + -i.reward_contact!),
};

function action(def: EnvDefinition, t: number): Float32Array {
  const space = def.actionSpace(def.params(def.defaultKwargs)) as Box<'float32'>;
  return Float32Array.from(space.high, (h, j) => 0.8 * h * Math.sin(0.41 * t + 1.7 * j));
}

/** Token-style: the episode state goes through JSON (as through a sealed token) between steps. */
function roundTrip(state: EpisodeState): EpisodeState {
  return JSON.parse(JSON.stringify(state));
}

describe('MuJoCo envs', () => {
  it('loads the envs in registration order with their TimeLimits and thresholds', () => {
    expect(envs.map((e) => e.id)).toEqual(Object.keys(SPECS));
    for (const def of envs) {
      expect(def.maxEpisodeSteps).toBe(SPECS[def.id]!.maxSteps);
      expect(def.rewardThreshold).toBe(SPECS[def.id]!.threshold);
      for (const key of Object.values(def.doc)) expect(key.length).toBeGreaterThan(30);
    }
  });

  it.each(Object.keys(SPECS))('%s: float64 observations in a Box of the right shape', (id) => {
    const def = byId(id);
    const params = def.params(def.defaultKwargs);
    const obsSpace = def.observationSpace(params) as Box<'float64'>;
    expect(obsSpace).toBeInstanceOf(Box);
    expect(obsSpace.dtype).toBe('float64');
    expect(obsSpace.shape).toEqual([SPECS[id]!.obs]);
    const actSpace = def.actionSpace(params) as Box<'float32'>;
    expect(actSpace.dtype).toBe('float32');
    expect(actSpace.high).toEqual(SPECS[id]!.act);
    expect(actSpace.low).toEqual(SPECS[id]!.act.map((h) => -h));
    let r = resetEpisode(def, { seed: 3 });
    expect(r.observation).toBeInstanceOf(Float64Array);
    expect(obsSpace.contains(r.observation)).toBe(true);
    for (let t = 0; t < 5; t++) {
      const s = stepEpisode(def, r.state, action(def, t));
      expect(s.observation).toBeInstanceOf(Float64Array);
      expect((s.observation as Float64Array).length).toBe(SPECS[id]!.obs);
      r = s;
    }
  });

  it.each(Object.keys(SPECS))('%s: same seed, same initial state; another seed, another', (id) => {
    const def = byId(id);
    const a = resetEpisode(def, { seed: 42 });
    const b = resetEpisode(def, { seed: 42 });
    const c = resetEpisode(def, { seed: 43 });
    expect(a.state.physical).toEqual(b.state.physical);
    expect(Array.from(a.observation as Float64Array)).toEqual(Array.from(b.observation as Float64Array));
    expect(a.state.physical).not.toEqual(c.state.physical);
  });

  it('draws the reset noise as Gymnasium does (uniform positions, then velocities)', () => {
    const cheetah = mujocoDef('HalfCheetah-v5');
    const rng = Generator.fromSeed(5);
    const qpos = cheetah.model.qpos0.map((q) => q + rng.uniform(-0.1, 0.1));
    const qvel = Array.from({ length: 9 }, () => 0 + 0.1 * rng.standardNormal());
    const physical = resetEpisode(byId('HalfCheetah-v5'), { seed: 5 }).state.physical;
    expect(physical.slice(1, 19)).toEqual([...qpos, ...qvel]);

    const hopper = mujocoDef('Hopper-v5');
    const rng2 = Generator.fromSeed(5);
    const hq = hopper.model.qpos0.map((q) => q + rng2.uniform(-5e-3, 5e-3));
    const hv = Array.from({ length: 6 }, () => 0 + rng2.uniform(-5e-3, 5e-3));
    expect(resetEpisode(byId('Hopper-v5'), { seed: 5 }).state.physical.slice(1, 13)).toEqual([...hq, ...hv]);
  });

  it.each(Object.keys(SPECS))('%s: stepping through tokens is bit-identical to stepping on', (id) => {
    const def = byId(id);
    const start = resetEpisode(def, { seed: 11 });
    // Continuous: one physical state carried in memory, never serialised.
    const continuous: { obs: number[]; reward: number }[] = [];
    let physical = start.state.physical;
    const params = def.params(def.defaultKwargs);
    for (let t = 0; t < Math.min(200, SPECS[id]!.maxSteps); t++) {
      const next = def.transition(physical, action(def, t), params);
      continuous.push({
        obs: Array.from(def.observation(next, params) as Float64Array),
        reward: def.reward(physical, action(def, t), next, params),
      });
      if (def.terminal(next, params)) break;
      physical = next;
    }
    let state = roundTrip(start.state);
    for (const [t, expected] of continuous.entries()) {
      const s = stepEpisode(def, state, action(def, t));
      expect(Array.from(s.observation as Float64Array)).toEqual(expected.obs);
      expect(s.reward).toBe(expected.reward);
      state = roundTrip(s.state);
    }
  });

  it.each(Object.keys(SPECS))('%s: the reward is the sum of its info terms', (id) => {
    const def = byId(id);
    let state = resetEpisode(def, { seed: 8 }).state;
    for (let t = 0; t < 30; t++) {
      const s = stepEpisode(def, state, action(def, t));
      expect(s.reward).toBe(REWARD_FROM_INFO[id]!(s.info as Record<string, number>));
      if (s.terminated) break;
      state = s.state;
    }
  });

  it('HalfCheetah: reward = reward_forward + reward_ctrl, with the info keys of v5', () => {
    const def = byId('HalfCheetah-v5');
    let state = resetEpisode(def, { seed: 1 }).state;
    for (let t = 0; t < 50; t++) {
      const s = stepEpisode(def, state, action(def, t));
      expect(Object.keys(s.info).sort()).toEqual([
        'reward_ctrl',
        'reward_forward',
        'x_position',
        'x_velocity',
      ]);
      const info = s.info as Record<string, number>;
      expect(s.reward).toBe(info.reward_forward! + info.reward_ctrl!);
      expect(info.x_position).toBe(s.state.physical[1]);
      expect(info.x_velocity).toBe((s.state.physical[1]! - state.physical[1]!) / 0.05);
      state = s.state;
    }
  });

  it('Hopper: reward = forward + survive + ctrl; falls and terminates under a bad action', () => {
    const def = byId('Hopper-v5');
    let state = resetEpisode(def, { seed: 2 }).state;
    let end = -1;
    for (let t = 0; t < 300; t++) {
      const s = stepEpisode(def, state, [1, -1, 1]);
      const info = s.info as Record<string, number>;
      expect(s.reward).toBe(info.reward_forward! + info.reward_survive! + info.reward_ctrl!);
      expect(info.reward_ctrl).toBe(-1e-3 * 3);
      state = s.state;
      if (s.terminated) {
        end = t;
        const obs = s.observation as Float64Array;
        const unhealthy = !(obs[0]! > 0.7) || !(Math.abs(obs[1]!) < 0.2);
        expect(unhealthy).toBe(true);
        expect(info.reward_survive).toBe(0);
        break;
      }
      expect(info.reward_survive).toBe(1);
    }
    expect(end).toBeGreaterThan(0);
    // Without termination the episode runs on.
    const def2 = byId('Hopper-v5');
    let st = resetEpisode(def2, { seed: 2, kwargs: { terminate_when_unhealthy: false } }).state;
    for (let t = 0; t <= end + 5; t++) {
      const s = stepEpisode(def2, st, [1, -1, 1]);
      expect(s.terminated).toBe(false);
      st = s.state;
    }
  });

  it('InvertedPendulum: terminates once |angle| > 0.2, with no reward for that step', () => {
    const def = byId('InvertedPendulum-v5');
    let state = resetEpisode(def, { seed: 0 }).state;
    let steps = 0;
    for (;;) {
      const s = stepEpisode(def, state, [1]);
      steps++;
      const angle = (s.observation as Float64Array)[1]!;
      expect(s.terminated).toBe(Math.abs(angle) > 0.2);
      expect(s.reward).toBe(s.terminated ? 0 : 1);
      expect(s.info).toEqual({ reward_survive: s.reward });
      if (s.terminated) break;
      state = s.state;
      expect(steps).toBeLessThan(100);
    }
    expect(steps).toBeGreaterThan(1);
  });

  it('Ant: contact forces in the observation, zero after a reset, clipped, and priced in reward_contact', () => {
    const def = byId('Ant-v5');
    const r = resetEpisode(def, { seed: 6 });
    expect(Array.from((r.observation as Float64Array).subarray(27))).toEqual(new Array(78).fill(0));
    let state = r.state;
    let touched = false;
    for (let t = 0; t < 40; t++) {
      const s = stepEpisode(def, state, action(def, t));
      const forces = (s.observation as Float64Array).subarray(27);
      expect(forces.length).toBe(78);
      for (const f of forces) expect(Math.abs(f)).toBeLessThanOrEqual(1);
      if (forces.some((f) => f !== 0)) touched = true;
      const world = [0, 0, 0, 0, 0, 0];
      expect((s.info as Record<string, number>).reward_contact).toBe(
        -(5e-4 * float64SumOfSquares([...world, ...forces])),
      );
      if (s.terminated) break;
      state = s.state;
    }
    expect(touched).toBe(true);
  });

  it('Reacher: the target lies within 0.2 and the observation holds fingertip - target', () => {
    const def = byId('Reacher-v5');
    for (let seed = 0; seed < 20; seed++) {
      const o = resetEpisode(def, { seed }).observation as Float64Array;
      const [c0, c1, s0, s1, tx, ty] = [o[0]!, o[1]!, o[2]!, o[3]!, o[4]!, o[5]!];
      expect(Math.hypot(tx, ty)).toBeLessThan(0.2);
      // Right after a reset the body positions belong to the state itself (mj_forward).
      const c01 = c0 * c1 - s0 * s1;
      const s01 = s0 * c1 + c0 * s1;
      expect(o[8]).toBeCloseTo(0.1 * c0 + 0.11 * c01 - tx, 12);
      expect(o[9]).toBeCloseTo(0.1 * s0 + 0.11 * s01 - ty, 12);
    }
  });

  it('InvertedDoublePendulum: ends when the tip falls to 1 m, without the alive bonus', () => {
    const def = byId('InvertedDoublePendulum-v5');
    let state = resetEpisode(def, { seed: 3 }).state;
    for (let t = 0; t < 200; t++) {
      const s = stepEpisode(def, state, [0.3]);
      const info = s.info as Record<string, number>;
      expect(info.reward_survive).toBe(s.terminated ? 0 : 10);
      if (s.terminated) return;
      state = s.state;
    }
    throw new Error('a constant push should topple the poles');
  });

  it('batched reward and termination agree with the step functions where exact', () => {
    for (const id of Object.keys(SPECS)) {
      const def = byId(id);
      const params = def.params(def.defaultKwargs);
      const n = 40;
      const width = SPECS[id]!.obs;
      const nu = SPECS[id]!.act.length;
      const obs = new Float32Array(n * width);
      const next = new Float32Array(n * width);
      const acts = new Float32Array(n * nu);
      const rewards: number[] = [];
      const terminals: number[] = [];
      let physical = resetEpisode(def, { seed: 9 }).state.physical;
      for (let i = 0; i < n; i++) {
        const a = action(def, i);
        const p2 = def.transition(physical, a, params);
        obs.set(def.observation(physical, params) as Float64Array, i * width);
        next.set(def.observation(p2, params) as Float64Array, i * width);
        acts.set(a, i * nu);
        rewards.push(def.reward(physical, a, p2, params));
        terminals.push(def.terminal(p2, params) ? 1 : 0);
        physical = def.terminal(p2, params) ? resetEpisode(def, { seed: i }).state.physical : p2;
      }
      const br = def.batched.reward(obs, acts, next, n, params);
      const bt = def.batched.terminal(next, n, params);
      expect(Array.from(bt)).toEqual(terminals);
      expect(br.length).toBe(n);
      if (id === 'InvertedPendulum-v5') expect(Array.from(br)).toEqual(rewards);
      // Forward rewards come from velocities in the observation: close, not equal.
      else for (let i = 0; i < n; i++) expect(Math.abs(br[i]! - rewards[i]!)).toBeLessThan(0.5);
    }
  });

  it('validates kwargs and client states', () => {
    const cheetah = byId('HalfCheetah-v5');
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        if (e instanceof EnvArgumentError) return e.field;
        throw e;
      }
      return undefined;
    };
    expect(err(() => cheetah.params({ xml_file: 'x.xml' }))).toBe('kwargs.xml_file');
    expect(err(() => cheetah.params({ frame_skip: 0 }))).toBe('kwargs.frame_skip');
    expect(err(() => cheetah.params({ frame_skip: 2.5 }))).toBe('kwargs.frame_skip');
    expect(err(() => cheetah.params({ ctrl_cost_weight: 'big' }))).toBe('kwargs.ctrl_cost_weight');
    const hopper = byId('Hopper-v5');
    expect(err(() => hopper.params({ healthy_z_range: [0.7] }))).toBe('kwargs.healthy_z_range');
    expect(
      (hopper.params({ healthy_z_range: [0.5, 'inf'] }) as { healthyZRange: unknown }).healthyZRange,
    ).toEqual([0.5, Infinity]);
    expect(err(() => byId('InvertedPendulum-v5').params({ healthy_reward: 1 }))).toBe(
      'kwargs.healthy_reward',
    );

    // exclude_current_positions_from_observation=False puts x first.
    const withX = resetEpisode(cheetah, {
      seed: 1,
      kwargs: { exclude_current_positions_from_observation: false },
    });
    expect((withX.observation as Float64Array).length).toBe(18);
    expect((withX.observation as Float64Array)[0]).toBe(withX.state.physical[1]);

    // options.state is [qpos, qvel]; the episode starts there.
    const given = [0.5, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0];
    const r = resetEpisode(cheetah, { seed: 1, options: { state: given } });
    expect(r.state.physical.slice(1, 19)).toEqual(given);
    expect(err(() => resetEpisode(cheetah, { options: { state: [1, 2] } }))).toBe('options.state');
    expect(err(() => resetEpisode(cheetah, { options: { state: given.map(() => Number.NaN) } }))).toBe(
      'options.state.0',
    );
  });

  it('reports Gymnasium v5 reset info through resetInfo', () => {
    const hopper = mujocoDef('Hopper-v5');
    const physical = resetEpisode(byId('Hopper-v5'), { seed: 4 }).state.physical;
    const info = hopper.resetInfo(physical, hopper.params(hopper.defaultKwargs));
    expect(info).toEqual({ x_position: physical[1], z_distance_from_origin: physical[2]! - 1.25 });
  });
});
