/**
 * What each MuJoCo task family changes, measured: rewards per task, dead motors that really do
 * nothing, damping and physical parameters that really change the motion, default tasks that are
 * the v5 envs to the bit, and the task distributions' ranges.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Generator } from '../../../rng/generator.ts';
import type { PhysicalState } from '../../env.ts';
import { resetEpisode } from '../../episode.ts';
import type { Task } from '../../task.ts';
import { controlCost } from '../common.ts';
import { loadMujocoEnvs } from '../index.ts';
import type { MujocoEnvDefinition } from '../mujoco-env.ts';
import { LEG_ACTUATORS } from './ant-crippled-leg.ts';

// biome-ignore lint/suspicious/noExplicitAny: any env.
type AnyEnv = MujocoEnvDefinition<any>;

let envs: AnyEnv[];
const env = (id: string) => envs.find((e) => e.id === id)!;

beforeAll(async () => {
  envs = (await loadMujocoEnvs()) as unknown as AnyEnv[];
});

function act(t: number, nu: number, amplitude = 0.9): Float32Array {
  return Float32Array.from({ length: nu }, (_, j) => amplitude * Math.sin(0.37 * t + 1.3 * j));
}

function paramsFor(def: AnyEnv, task?: Task) {
  const params = def.params({});
  return task === undefined ? params : def.tasks!.apply(params, def.tasks!.parse(task, params));
}

/** States after each of `steps` steps from `start`, with actions from `action(t)`. */
function roll(
  def: AnyEnv,
  params: unknown,
  start: PhysicalState,
  steps: number,
  action: (t: number) => Float32Array,
): PhysicalState[] {
  const out: PhysicalState[] = [];
  let s = start;
  for (let t = 0; t < steps; t++) {
    s = def.transition(s, action(t), params);
    out.push(s);
  }
  return out;
}

/** Largest |difference| of the joint positions over two runs. */
function maxQposGap(def: AnyEnv, a: PhysicalState[], b: PhysicalState[]): number {
  const { qpos, qvel } = def.model.layout;
  let gap = 0;
  a.forEach((s, t) => {
    for (let i = qpos; i < qvel; i++) gap = Math.max(gap, Math.abs(s[i]! - b[t]![i]!));
  });
  return gap;
}

const start = (def: AnyEnv, seed = 1) => resetEpisode(def, { seed, options: {} }).state.physical;

describe('default tasks are the v5 envs to the bit', () => {
  it.each([
    ['tasks/HalfCheetahDamping-v0', 'HalfCheetah-v5', { damping_scale: 1 }],
    ['tasks/HalfCheetahRandParams-v0', 'HalfCheetah-v5', {}],
    ['tasks/HalfCheetahDisabledJoint-v0', 'HalfCheetah-v5', undefined],
    ['tasks/AntCrippledLeg-v0', 'Ant-v5', undefined],
    ['tasks/AntDir-v0', 'Ant-v5', { direction: 1 }],
    ['tasks/AntDir2D-v0', 'Ant-v5', { angle: 0 }],
  ] as const)('%s (%j) is %s: states and rewards', (id, plainId, task) => {
    const def = env(id);
    const plain = env(plainId);
    const p = paramsFor(def, task as Task | undefined);
    const pp = plain.params({});
    let s = start(def, 3);
    for (let t = 0; t < 60; t++) {
      const a = act(t, def.model.nu);
      const mine = def.transition(s, a, p);
      const theirs = plain.transition(s, a, pp);
      expect(mine).toEqual(theirs);
      expect(Object.is(def.reward(s, a, mine, p), plain.reward(s, a, theirs, pp))).toBe(true);
      if (plain.terminal(theirs, pp)) break;
      s = mine;
    }
  });
});

describe('reward-only families keep the v5 dynamics', () => {
  it.each([
    ['tasks/HalfCheetahVel-v0', { velocity: 2.7 }],
    ['tasks/HalfCheetahDir-v0', { direction: -1 }],
    ['tasks/AntDir-v0', { direction: -1 }],
    ['tasks/AntDir2D-v0', { angle: 2 }],
    ['tasks/AntGoal-v0', { goal: [-2, 1] }],
  ] as const)('%s', (id, task) => {
    const def = env(id);
    const plain = env(def.model.name === 'ant' ? 'Ant-v5' : 'HalfCheetah-v5');
    const ours = roll(def, paramsFor(def, task as Task), start(def), 30, (t) => act(t, def.model.nu, 0.5));
    const theirs = roll(plain, plain.params({}), start(def), 30, (t) => act(t, def.model.nu, 0.5));
    expect(ours).toEqual(theirs);
  });
});

describe('rewards per task', () => {
  it('HalfCheetahVel: -|v - v*| - 0.05 sum(a²), v from the root displacement; info agrees', () => {
    const def = env('tasks/HalfCheetahVel-v0');
    let s = start(def);
    for (let t = 0; t < 20; t++) {
      const a = act(t, 6);
      for (const velocity of [0, 1.2, 3]) {
        const p = paramsFor(def, { velocity });
        const next = def.transition(s, a, p);
        const v = (next[1]! - s[1]!) / 0.05;
        const expected = -Math.abs(v - velocity) - controlCost(0.05, a);
        expect(def.reward(s, a, next, p)).toBe(expected);
        const info = def.info!(s, next, p) as Record<string, number>;
        expect(info.reward_forward! + info.reward_ctrl!).toBe(expected);
        expect(info.x_velocity).toBe(v);
      }
      s = def.transition(s, a, paramsFor(def, { velocity: 1 }));
    }
  });

  it('HalfCheetahDir and AntDir: the two directions mirror the forward term', () => {
    for (const id of ['tasks/HalfCheetahDir-v0', 'tasks/AntDir-v0']) {
      const def = env(id);
      const fwd = paramsFor(def, { direction: 1 });
      const bwd = paramsFor(def, { direction: -1 });
      let s = start(def, 6);
      for (let t = 0; t < 15; t++) {
        const a = act(t, def.model.nu, 0.4);
        const next = def.transition(s, a, fwd);
        const f = def.info!(s, next, fwd) as Record<string, number>;
        const b = def.info!(s, next, bwd) as Record<string, number>;
        expect(b.reward_forward).toBe(-f.reward_forward!);
        expect(def.reward(s, a, next, fwd) - def.reward(s, a, next, bwd)).toBeCloseTo(
          2 * f.reward_forward!,
          10,
        );
        if (def.terminal(next, fwd)) break;
        s = next;
      }
      // HalfCheetahDir's control weight is 0.05 (MAML, PEARL).
      if (id.includes('Cheetah')) {
        const a = act(3, 6);
        const next = def.transition(s, a, fwd);
        expect((def.info!(s, next, fwd) as Record<string, number>).reward_ctrl).toBe(-controlCost(0.05, a));
      }
    }
  });

  it('AntDir2D: the velocity projected on the direction', () => {
    const def = env('tasks/AntDir2D-v0');
    let s = start(def, 2);
    for (let t = 0; t < 15; t++) {
      const a = act(t, 8, 0.4);
      const next = def.transition(s, a, paramsFor(def, { angle: 0 }));
      for (const angle of [0.5, 2, 4.5]) {
        const info = def.info!(s, next, paramsFor(def, { angle })) as Record<string, number>;
        expect(info.reward_forward).toBeCloseTo(
          Math.cos(angle) * info.x_velocity! + Math.sin(angle) * info.y_velocity!,
          12,
        );
      }
      s = next;
    }
  });

  it('AntGoal: -(L1 distance of the torso to the goal) - 0.1 sum(a²) - contact cost; never terminates', () => {
    const def = env('tasks/AntGoal-v0');
    const p = paramsFor(def, { goal: [1.5, -2] });
    let s = start(def, 4);
    const E = def.model.layout.extras;
    for (let t = 0; t < 40; t++) {
      const a = act(t, 8);
      const next = def.transition(s, a, p);
      const info = def.info!(s, next, p) as Record<string, number>;
      const [x, y] = [next[E + 2]!, next[E + 3]!]; // the torso's xpos
      expect(info.reward_goal).toBe(-(Math.abs(x - 1.5) + Math.abs(y + 2)));
      expect(info.reward_ctrl).toBe(-controlCost(0.1, a));
      expect(info.reward_survive).toBe(0);
      expect(def.reward(s, a, next, p)).toBe(
        info.reward_goal! - (-info.reward_ctrl! + -info.reward_contact!),
      );
      expect(def.terminal(next, p)).toBe(false);
      s = next;
    }
    // Upside down is not an end here (Ant-v5 would terminate).
    const flipped = [...s];
    flipped[def.model.layout.qpos + 2] = 5;
    expect(def.terminal(flipped, p)).toBe(false);
    expect(env('Ant-v5').terminal(flipped, env('Ant-v5').params({}))).toBe(true);
    // The observation keeps the torso's x and y in front.
    expect((def.observation(s, p) as Float64Array).length).toBe(107);
    expect((def.observation(s, p) as Float64Array)[0]).toBe(s[def.model.layout.qpos]);
  });
});

describe('disabled motors do nothing', () => {
  it('HalfCheetahDisabledJoint: the dead joint ignores its action, the others do not', () => {
    const def = env('tasks/HalfCheetahDisabledJoint-v0');
    const plain = env('HalfCheetah-v5');
    const s0 = start(def, 7);
    for (let j = 0; j < 6; j++) {
      const p = paramsFor(def, { joint: j });
      const push = (sign: number) => (t: number) => {
        const a = act(t, 6, 0.5);
        a[j] = sign;
        return a;
      };
      const up = roll(def, p, s0, 25, push(1));
      const down = roll(def, p, s0, 25, push(-1));
      const zero = roll(def, p, s0, 25, push(0));
      expect(up).toEqual(zero);
      expect(down).toEqual(zero);
      // The same as HalfCheetah-v5 given 0 for that joint, to the bit.
      expect(zero).toEqual(roll(plain, plain.params({}), s0, 25, push(0)));
      // A joint that works does move the robot: up vs down differ in HalfCheetah-v5.
      const gap = maxQposGap(
        plain,
        roll(plain, plain.params({}), s0, 25, push(1)),
        roll(plain, plain.params({}), s0, 25, push(-1)),
      );
      expect(gap, `joint ${j} in HalfCheetah-v5`).toBeGreaterThan(0.1);
      // And the control cost ignores the dead joint's action.
      const a = push(1)(0);
      const next = def.transition(s0, a, p);
      expect(def.reward(s0, a, next, p)).toBe(def.reward(s0, push(0)(0), next, p));
    }
  });

  it('AntCrippledLeg: the crippled leg ignores its hip and ankle actions', () => {
    const def = env('tasks/AntCrippledLeg-v0');
    const plain = env('Ant-v5');
    const s0 = start(def, 7);
    for (let leg = 0; leg < 4; leg++) {
      const p = paramsFor(def, { leg });
      const [hip, ankle] = LEG_ACTUATORS[leg]!;
      const push = (sign: number) => (t: number) => {
        const a = act(t, 8, 0.3);
        a[hip] = sign;
        a[ankle] = -sign || 0; // never -0: the stored ctrl would differ from a masked 0
        return a;
      };
      const up = roll(def, p, s0, 20, push(1));
      expect(up).toEqual(roll(def, p, s0, 20, push(-1)));
      expect(up).toEqual(roll(plain, plain.params({}), s0, 20, push(0)));
      const gap = maxQposGap(
        plain,
        roll(plain, plain.params({}), s0, 20, push(1)),
        roll(plain, plain.params({}), s0, 20, push(-1)),
      );
      expect(gap, `leg ${leg} in Ant-v5`).toBeGreaterThan(0.1);
    }
  });
});

describe('dynamics change with the task (measured)', () => {
  it('HalfCheetahDamping: the damping factor changes the joint motion, the more the further apart', () => {
    const def = env('tasks/HalfCheetahDamping-v0');
    const s0 = start(def, 8);
    const run = (damping_scale: number) =>
      roll(def, paramsFor(def, { damping_scale }), s0, 40, (t) => act(t, 6));
    const base = run(1);
    const near = maxQposGap(def, base, run(1.2));
    const far = maxQposGap(def, base, run(4));
    expect(near).toBeGreaterThan(0.01);
    expect(far).toBeGreaterThan(near);
    // Higher damping: slower joints. Mean |joint velocity| over the run.
    const speed = (states: PhysicalState[]) => {
      const { qvel } = def.model.layout;
      let sum = 0;
      for (const s of states) for (let i = qvel + 3; i < qvel + 9; i++) sum += Math.abs(s[i]!);
      return sum;
    };
    expect(speed(run(4))).toBeLessThan(speed(base));
    expect(speed(run(0.25))).toBeGreaterThan(speed(base));
  });

  it('HalfCheetahRandParams: each of mass, inertia, damping and friction alone changes the motion', () => {
    const def = env('tasks/HalfCheetahRandParams-v0');
    const s0 = start(def, 9);
    const run = (task: Task) => roll(def, paramsFor(def, task), s0, 40, (t) => act(t, 6));
    const base = run({});
    const only = (key: string, n: number, factor: number) => ({ [key]: new Array(n).fill(factor) });
    const gaps = {
      mass: maxQposGap(def, base, run(only('body_mass_scale', 8, 2))),
      inertia: maxQposGap(def, base, run(only('body_inertia_scale', 24, 3))),
      damping: maxQposGap(def, base, run(only('dof_damping_scale', 9, 2))),
      // Contacts take the larger friction of the two geoms: the floor's (geom 0) is scaled too.
      friction: maxQposGap(def, base, run(only('geom_friction_scale', 27, 0.3))),
    };
    for (const [name, gap] of Object.entries(gaps)) expect(gap, name).toBeGreaterThan(0.01);
  });
});

describe('task distributions', () => {
  const draws = (id: string, split: 'train' | 'test', n: number, seed = 0) => {
    const def = env(id);
    const rng = Generator.fromSeed(seed);
    return Array.from({ length: n }, () => def.tasks!.sample(rng, split, def.params({})));
  };

  it('HalfCheetahVel: U[0, 3] in both splits', () => {
    for (const split of ['train', 'test'] as const) {
      const v = draws('tasks/HalfCheetahVel-v0', split, 400).map((t) => t.velocity as number);
      expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...v)).toBeLessThanOrEqual(3);
      expect(Math.abs(v.reduce((a, b) => a + b) / v.length - 1.5)).toBeLessThan(0.15);
    }
    // The draw is numpy's uniform(0, 3).
    expect(draws('tasks/HalfCheetahVel-v0', 'train', 1, 5)[0]!.velocity).toBe(
      Generator.fromSeed(5).uniform(0, 3),
    );
  });

  it('AntGoal: uniform in the disk of radius 3 (mean r² = 4.5), drawn as PEARL draws it', () => {
    const goals = draws('tasks/AntGoal-v0', 'train', 2000).map((t) => t.goal as number[]);
    const r2 = goals.map(([x, y]) => x! * x! + y! * y!);
    expect(Math.max(...r2)).toBeLessThanOrEqual(9);
    expect(Math.abs(r2.reduce((a, b) => a + b) / r2.length - 4.5)).toBeLessThan(0.2);
    const rng = Generator.fromSeed(3);
    const a = rng.random() * 2 * Math.PI;
    const r = 3 * Math.sqrt(rng.random());
    expect(draws('tasks/AntGoal-v0', 'test', 1, 3)[0]!.goal).toEqual([r * Math.cos(a), r * Math.sin(a)]);
  });

  it('AntDir2D: angles in [0, 2π)', () => {
    const angles = draws('tasks/AntDir2D-v0', 'train', 400).map((t) => t.angle as number);
    expect(Math.min(...angles)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...angles)).toBeLessThan(2 * Math.PI);
    expect(Math.max(...angles) - Math.min(...angles)).toBeGreaterThan(6);
  });

  it('HalfCheetahDamping: train in [0.5, 2], test outside it within [0.25, 4], both sides', () => {
    const train = draws('tasks/HalfCheetahDamping-v0', 'train', 300).map((t) => t.damping_scale as number);
    expect(train.every((s) => s >= 0.5 && s <= 2)).toBe(true);
    const test = draws('tasks/HalfCheetahDamping-v0', 'test', 300).map((t) => t.damping_scale as number);
    expect(test.every((s) => (s >= 0.25 && s < 0.5) || (s > 2 && s <= 4))).toBe(true);
    expect(test.some((s) => s < 0.5) && test.some((s) => s > 2)).toBe(true);
  });

  it('HalfCheetahRandParams: 1.5^U(-3,3) (damping 1.3^U(-3,3)) per element, in numpy order', () => {
    const [task] = draws('tasks/HalfCheetahRandParams-v0', 'train', 1, 12);
    const rng = Generator.fromSeed(12);
    const expected = [
      ['body_mass_scale', 8, 1.5],
      ['body_inertia_scale', 24, 1.5],
      ['dof_damping_scale', 9, 1.3],
      ['geom_friction_scale', 27, 1.5],
    ] as const;
    for (const [key, n, base] of expected) {
      expect(task![key]).toEqual(Array.from({ length: n }, () => base ** rng.uniform(-3, 3)));
    }
    const all = draws('tasks/HalfCheetahRandParams-v0', 'test', 50).flatMap(
      (t) => t.body_mass_scale as number[],
    );
    expect(Math.min(...all)).toBeGreaterThanOrEqual(1.5 ** -3);
    expect(Math.max(...all)).toBeLessThanOrEqual(1.5 ** 3);
  });
});
