/**
 * What every MuJoCo task env must do: deterministic task draws, validated client tasks, spaces
 * that ignore the task, the adapter's draw order, tokens that stay bit-identical to an
 * uninterrupted MuJoCo run of the modified model, and no leak of a task into another call.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { argumentError } from '../../../../test/helpers/task-envs.ts';
import { Generator } from '../../../rng/generator.ts';
import type { PhysicalState } from '../../env.ts';
import { type EpisodeState, resetEpisode, stepEpisode } from '../../episode.ts';
import type { Task } from '../../task.ts';
import { loadMujocoEnvs } from '../index.ts';
import type { MujocoEnvDefinition } from '../mujoco-env.ts';
import { type ModelScales, type MujocoModel, SCALABLE_FIELDS } from '../runtime.ts';
import { LEG_ACTUATORS } from './ant-crippled-leg.ts';

// biome-ignore lint/suspicious/noExplicitAny: any env.
type AnyEnv = MujocoEnvDefinition<any>;

let envs: AnyEnv[];
const env = (id: string) => envs.find((e) => e.id === id)!;
/** The plain v5 env on the same model (HalfCheetah-v5 or Ant-v5). */
const plainOf = (def: AnyEnv) => env(def.model.name === 'ant' ? 'Ant-v5' : 'HalfCheetah-v5');

beforeAll(async () => {
  envs = (await loadMujocoEnvs()) as unknown as AnyEnv[];
});

const ones = (n: number) => new Array(n).fill(1);
/** A RandParams task with a few factors far from 1 in every array. */
function randTask(): Task {
  const f = (n: number, k: number) =>
    Array.from({ length: n }, (_, i) => (i % k === 1 ? 2.5 : i % k === 2 ? 0.4 : 1));
  return {
    body_mass_scale: f(8, 3),
    body_inertia_scale: f(24, 4),
    dof_damping_scale: f(9, 3),
    geom_friction_scale: f(27, 5),
  };
}

interface Spec {
  id: string;
  /** Two different tasks, as a client gives them. */
  a: Task;
  b: Task;
  /** Bad tasks and the field their error names. */
  bad: [unknown, string][];
  /** Finite splits. */
  lists?: { train: Task[]; test: Task[] };
  /** The actuators a task disables and the model scales it applies (for the reference runs). */
  masked(task: Task): readonly number[];
  scales(task: Task, model: MujocoModel): ModelScales | undefined;
  /** Whether the batched reward reads the task. */
  batchedUsesTask: boolean;
}

const none = () => [];
const noScales = () => undefined;

const SPECS: Spec[] = [
  {
    id: 'tasks/HalfCheetahVel-v0',
    a: { velocity: 0.5 },
    b: { velocity: 2.5 },
    bad: [
      [{ velocity: 'fast' }, 'options.task.velocity'],
      [{ velocity: 11 }, 'options.task.velocity'],
      [{ speed: 1 }, 'options.task.speed'],
      [3, 'options.task'],
    ],
    masked: none,
    scales: noScales,
    batchedUsesTask: true,
  },
  {
    id: 'tasks/HalfCheetahDir-v0',
    a: { direction: 1 },
    b: { direction: -1 },
    bad: [
      [{ direction: 0 }, 'options.task.direction'],
      [{ direction: '1' }, 'options.task.direction'],
      [{}, 'options.task.direction'],
    ],
    lists: { train: [{ direction: 1 }, { direction: -1 }], test: [{ direction: 1 }, { direction: -1 }] },
    masked: none,
    scales: noScales,
    batchedUsesTask: true,
  },
  {
    id: 'tasks/HalfCheetahDisabledJoint-v0',
    a: { joint: 0 },
    b: { joint: 5 },
    bad: [
      [{ joint: 6 }, 'options.task.joint'],
      [{ joint: 1.5 }, 'options.task.joint'],
      [{ joint: 1, leg: 2 }, 'options.task.leg'],
    ],
    lists: { train: [0, 1, 2, 3].map((joint) => ({ joint })), test: [4, 5].map((joint) => ({ joint })) },
    masked: (t) => [t.joint as number],
    scales: noScales,
    batchedUsesTask: true,
  },
  {
    id: 'tasks/HalfCheetahDamping-v0',
    a: { damping_scale: 0.3 },
    b: { damping_scale: 3.5 },
    bad: [
      [{ damping_scale: -1 }, 'options.task.damping_scale'],
      [{ damping_scale: 11 }, 'options.task.damping_scale'],
    ],
    masked: none,
    scales: (t, m) => ({ dof_damping: new Array(m.nv).fill(t.damping_scale) }),
    batchedUsesTask: false,
  },
  {
    id: 'tasks/HalfCheetahRandParams-v0',
    a: randTask(),
    b: { body_mass_scale: ones(8).map((_, i) => (i === 1 ? 3 : 1)), dof_damping_scale: ones(9).fill(0.3) },
    bad: [
      [{ body_mass_scale: [1, 2] }, 'options.task.body_mass_scale'],
      [{ dof_damping_scale: [1, 1, 1, 0, 1, 1, 1, 1, 1] }, 'options.task.dof_damping_scale.3'],
      [{ gravity: 1 }, 'options.task.gravity'],
    ],
    masked: none,
    scales: (t) => {
      const s: Record<string, number[]> = {};
      const keys = ['body_mass_scale', 'body_inertia_scale', 'dof_damping_scale', 'geom_friction_scale'];
      const sizes = [8, 24, 9, 27];
      keys.forEach((k, i) => {
        s[SCALABLE_FIELDS[i]!] = (t[k] as number[] | undefined) ?? ones(sizes[i]!);
      });
      return s;
    },
    batchedUsesTask: false,
  },
  {
    id: 'tasks/AntDir-v0',
    a: { direction: 1 },
    b: { direction: -1 },
    bad: [[{ direction: 2 }, 'options.task.direction']],
    lists: { train: [{ direction: 1 }, { direction: -1 }], test: [{ direction: 1 }, { direction: -1 }] },
    masked: none,
    scales: noScales,
    batchedUsesTask: true,
  },
  {
    id: 'tasks/AntDir2D-v0',
    a: { angle: 0.3 },
    b: { angle: 4 },
    bad: [
      [{ angle: 7 }, 'options.task.angle'],
      [{ angle: null }, 'options.task.angle'],
    ],
    masked: none,
    scales: noScales,
    batchedUsesTask: true,
  },
  {
    id: 'tasks/AntGoal-v0',
    a: { goal: [2, 1] },
    b: { goal: [-1, -2.5] },
    bad: [
      [{ goal: [1] }, 'options.task.goal'],
      [{ goal: [1, 'a'] }, 'options.task.goal.1'],
      [{ goal: [1, 1000] }, 'options.task.goal.1'],
    ],
    masked: none,
    scales: noScales,
    batchedUsesTask: true,
  },
  {
    id: 'tasks/AntCrippledLeg-v0',
    a: { leg: 0 },
    b: { leg: 3 },
    bad: [
      [{ leg: 4 }, 'options.task.leg'],
      [{ leg: -1 }, 'options.task.leg'],
    ],
    lists: { train: [0, 1, 2].map((leg) => ({ leg })), test: [{ leg: 3 }] },
    masked: (t) => LEG_ACTUATORS[t.leg as number]!,
    scales: noScales,
    batchedUsesTask: true,
  },
];

/** A varied action sequence in [-0.9, 0.9]. */
function act(t: number, nu: number): Float32Array {
  return Float32Array.from({ length: nu }, (_, j) => 0.9 * Math.sin(0.37 * t + 1.3 * j));
}

/** The env's params with a client task applied, as the adapter does. */
function paramsFor(def: AnyEnv, task: Task) {
  const params = def.params({});
  return def.tasks!.apply(params, def.tasks!.parse(task, params));
}

/**
 * The reference: an uninterrupted run in a fresh MjData of the model modified once for the whole
 * run (never restored between steps), with the disabled actuators zeroed.
 */
function referenceRun(
  model: MujocoModel,
  start: PhysicalState,
  steps: number,
  frameSkip: number,
  masked: readonly number[],
  scales: ModelScales | undefined,
): number[][] {
  const { mj, model: m } = model.scratch();
  const d = new mj.MjData(m);
  const L = model.layout;
  try {
    d.time = start[0]!;
    (d.qpos as Float64Array).set(start.slice(L.qpos, L.qvel));
    (d.qvel as Float64Array).set(start.slice(L.qvel, L.act));
    (d.qacc_warmstart as Float64Array).set(start.slice(L.warmstart, L.ctrl));
    return model.withScales(scales, () => {
      const out: number[][] = [];
      for (let t = 0; t < steps; t++) {
        const ctrl = Array.from(act(t, model.nu));
        for (const i of masked) ctrl[i] = 0;
        (d.ctrl as Float64Array).set(ctrl);
        for (let k = 0; k < frameSkip; k++) mj.mj_step(m, d);
        out.push([
          d.time,
          ...(d.qpos as Float64Array),
          ...(d.qvel as Float64Array),
          ...(d.act as Float64Array),
          ...(d.qacc_warmstart as Float64Array),
          ...(d.ctrl as Float64Array),
        ]);
      }
      return out;
    });
  } finally {
    d.delete();
  }
}

const roundTrip = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const bitsEqual = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

/** `body_subtreemass` of each model before any test ran (no call was modifying the model then). */
const compiledSubtree = new Map<string, number[]>();

/** The model's scalable arrays and subtree masses as they are now, to check nothing stayed modified. */
function liveArrays(model: MujocoModel): number[][] {
  const m = model.scratch().model as unknown as Record<string, Float64Array>;
  return [...SCALABLE_FIELDS.map((f) => Array.from(m[f]!)), Array.from(m.body_subtreemass!)];
}
function compiledArrays(model: MujocoModel): number[][] {
  return [...SCALABLE_FIELDS.map((f) => Array.from(model.baseValues(f))), compiledSubtree.get(model.name)!];
}

describe('MuJoCo task envs', () => {
  beforeAll(() => {
    for (const name of ['half_cheetah', 'ant']) {
      const model = envs.find((e) => e.model.name === name)!.model;
      const m = model.scratch().model as unknown as Record<string, Float64Array>;
      compiledSubtree.set(name, Array.from(m.body_subtreemass!));
    }
  });

  it('are appended to loadMujocoEnvs() in listing order, with full doc blocks and 200-step episodes', () => {
    const ids = envs.map((e) => e.id);
    expect(ids.slice(0, 8).every((id) => !id.startsWith('tasks/'))).toBe(true);
    expect(ids.slice(8)).toEqual(SPECS.map((s) => s.id));
    for (const s of SPECS) {
      const def = env(s.id);
      expect(def.maxEpisodeSteps).toBe(200);
      expect(def.defaultKwargs).toEqual({});
      for (const text of Object.values(def.doc)) expect(text.length).toBeGreaterThan(30);
      expect(def.tasks!.splits.train.description.length).toBeGreaterThan(20);
      expect(def.tasks!.splits.test.description.length).toBeGreaterThan(20);
    }
  });

  describe.each(SPECS)('$id', (spec) => {
    const def = () => env(spec.id);

    it('samples deterministically in the generator; splits as declared', () => {
      const family = def().tasks!;
      const params = def().params({});
      for (const split of ['train', 'test'] as const) {
        const draw = (seed: number) => {
          const rng = Generator.fromSeed(seed);
          return Array.from({ length: 12 }, () => family.sample(rng, split, params));
        };
        expect(draw(11)).toEqual(draw(11));
        if ((spec.lists?.[split].length ?? 2) > 1) expect(draw(11)).not.toEqual(draw(12));
        // Every drawn task is valid as a client task and parses to itself.
        for (const t of draw(3)) expect(family.parse(roundTrip(t), params)).toEqual(t);
      }
      if (spec.lists) {
        expect(family.list!('train', params)).toEqual(spec.lists.train);
        expect(family.list!('test', params)).toEqual(spec.lists.test);
        expect(family.splits.train.size).toBe(spec.lists.train.length);
        for (const split of ['train', 'test'] as const) {
          const rng = Generator.fromSeed(5);
          const seen = new Set<string>();
          for (let i = 0; i < 100; i++) seen.add(JSON.stringify(family.sample(rng, split, params)));
          expect([...seen].sort()).toEqual(spec.lists[split].map((t) => JSON.stringify(t)).sort());
        }
      }
    });

    it('validates client tasks, naming the field', () => {
      const params = def().params({});
      for (const [task, field] of spec.bad) {
        expect(argumentError(() => def().tasks!.parse(task, params)).field).toBe(field);
      }
      expect(
        argumentError(() => resetEpisode(def(), { seed: 1, options: { task: spec.bad[0]![0] } })).field,
      ).toBe(spec.bad[0]![1]);
    });

    it('has spaces that do not depend on the task', () => {
      const d = def();
      const p = d.params({});
      for (const task of [spec.a, spec.b]) {
        expect(d.observationSpace(paramsFor(d, task))).toEqual(d.observationSpace(p));
        expect(d.actionSpace(paramsFor(d, task))).toEqual(d.actionSpace(p));
      }
    });

    it('draws the train task from the reset generator before the initial state', () => {
      const d = def();
      const params = d.params({});
      const r = resetEpisode(d, { seed: 21, options: { reveal_task: true }, privileged: true });
      const rng = Generator.fromSeed(21);
      const task = d.tasks!.sample(rng, 'train', params);
      expect(r.info.task).toEqual(task);
      expect(r.state.physical).toEqual(d.initial(rng, d.tasks!.apply(params, task), {}));
    });

    it('steps through JSON tokens bit-identically to an uninterrupted run of the modified model', () => {
      const d = def();
      const steps = 60;
      let state: EpisodeState = roundTrip(resetEpisode(d, { seed: 4, options: { task: spec.b } }).state);
      const p = paramsFor(d, spec.b);
      const ref = referenceRun(
        d.model,
        state.physical,
        steps,
        p.frameSkip,
        spec.masked(spec.b),
        spec.scales(spec.b, d.model),
      );
      const n = d.model.layout.extras;
      for (let t = 0; t < steps; t++) {
        const s = stepEpisode(d, state, Array.from(act(t, d.model.nu)));
        expect(bitsEqual(s.state.physical.slice(0, n), ref[t]!), `step ${t}`).toBe(true);
        if (s.state.done) break;
        state = roundTrip(s.state);
      }
      expect(liveArrays(d.model)).toEqual(compiledArrays(d.model));
    });

    it('switches tasks mid-episode without leaking a task into later calls', () => {
      const d = def();
      const plain = plainOf(d);
      const plainParams = plain.params({});
      const pa = paramsFor(d, spec.a);
      const pb = paramsFor(d, spec.b);
      let s = resetEpisode(d, { seed: 9, options: { task: spec.a } }).state.physical;
      for (let t = 0; t < 8; t++) s = d.transition(s, act(t, d.model.nu), pa);
      // Fresh A from s: an uninterrupted run of the model modified by A only.
      const fresh = referenceRun(
        d.model,
        s,
        12,
        pa.frameSkip,
        spec.masked(spec.a),
        spec.scales(spec.a, d.model),
      );
      const plainBefore = plain.transition(s, act(0, d.model.nu), plainParams);
      // A, with B (and the plain env) called from the same states in between.
      let x = s;
      for (let t = 0; t < 12; t++) {
        const a = act(t, d.model.nu);
        if (t % 3 === 1) {
          d.transition(x, a, pb);
          plain.transition(x, a, plainParams);
        }
        x = d.transition(roundTrip(x), a, pa);
        expect(bitsEqual(x.slice(0, d.model.layout.extras), fresh[t]!), `step ${t}`).toBe(true);
      }
      expect(plain.transition(s, act(0, d.model.nu), plainParams)).toEqual(plainBefore);
      expect(liveArrays(d.model)).toEqual(compiledArrays(d.model));

      // The same through the adapter: A, B from step 3, A again from step 6.
      const schedule = {
        switches: [
          { at_step: 3, task: spec.b },
          { at_step: 6, task: spec.a },
        ],
      };
      let episode = resetEpisode(d, { seed: 9, options: { task: spec.a, task_schedule: schedule } }).state;
      let manual = episode.physical;
      for (let t = 0; t < 9; t++) {
        const a = act(t, d.model.nu);
        const p = t >= 3 && t < 6 ? pb : pa;
        const next = d.transition(manual, a, p);
        const r = stepEpisode(d, roundTrip(episode), Array.from(a));
        expect(r.state.task).toEqual(d.tasks!.parse(t >= 3 && t < 6 ? spec.b : spec.a, d.params({})));
        expect(bitsEqual(r.state.physical, next)).toBe(true);
        expect(r.reward).toBe(d.reward(manual, a, next, p));
        if (r.state.done) break;
        manual = next;
        episode = r.state;
      }
    });

    it('has batched rewards close to the step rewards, terminations equal, reading the task from params', () => {
      const d = def();
      const p = paramsFor(d, spec.b);
      const width = (d.observationSpace(p) as unknown as { shape: number[] }).shape[0]!;
      const nu = d.model.nu;
      const n = 40;
      const obs = new Float32Array(n * width);
      const next = new Float32Array(n * width);
      const acts = new Float32Array(n * nu);
      const rewards: number[] = [];
      const terminals: number[] = [];
      let s = resetEpisode(d, { seed: 2, options: { task: spec.b } }).state.physical;
      for (let i = 0; i < n; i++) {
        const a = act(i, nu);
        const s2 = d.transition(s, a, p);
        obs.set(d.observation(s, p) as Float64Array, i * width);
        next.set(d.observation(s2, p) as Float64Array, i * width);
        acts.set(a, i * nu);
        rewards.push(d.reward(s, a, s2, p));
        terminals.push(d.terminal(s2, p) ? 1 : 0);
        s = d.terminal(s2, p)
          ? resetEpisode(d, { seed: 100 + i, options: { task: spec.b } }).state.physical
          : s2;
      }
      const br = d.batched.reward(obs, acts, next, n, p);
      expect(Array.from(d.batched.terminal(next, n, p))).toEqual(terminals);
      for (let i = 0; i < n; i++) expect(Math.abs(br[i]! - rewards[i]!), `row ${i}`).toBeLessThan(0.5);
      const other = d.batched.reward(obs, acts, next, n, paramsFor(d, spec.a));
      if (spec.batchedUsesTask) expect(Array.from(other)).not.toEqual(Array.from(br));
      else expect(Array.from(other)).toEqual(Array.from(br));
    });
  });
});
