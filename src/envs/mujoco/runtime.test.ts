import { beforeAll, describe, expect, it } from 'vitest';
import { float32SumOfSquares } from './common.ts';
import { ANT_XML } from './models/ant.ts';
import { HALF_CHEETAH_XML } from './models/half-cheetah.ts';
import { HOPPER_XML } from './models/hopper.ts';
import {
  compileModel,
  type Extras,
  type MujocoModel,
  SCALABLE_FIELDS,
  setMujocoMessageHandler,
} from './runtime.ts';

let cheetah: MujocoModel;
let hopper: MujocoModel;
let ant: MujocoModel;

beforeAll(async () => {
  cheetah = await compileModel('half_cheetah', HALF_CHEETAH_XML);
  hopper = await compileModel('hopper', HOPPER_XML);
  ant = await compileModel('ant', ANT_XML);
});

/** Derived quantities as Gymnasium reads them after a step: body positions, contact and constraint forces. */
function derived(model: MujocoModel): Extras {
  return {
    size: 3 * model.nbody + 6 * model.nbody + model.nv,
    rnePostConstraint: true,
    read(d, out) {
      out.push(
        ...(d.xpos as Float64Array),
        ...(d.cfrc_ext as Float64Array),
        ...(d.qfrc_constraint as Float64Array),
      );
    },
  };
}

/** A deterministic, varied control sequence in [-1, 1]. */
function controls(step: number, nu: number): number[] {
  return Array.from({ length: nu }, (_, j) => Math.fround(Math.sin(0.37 * step + 1.3 * j)));
}

/**
 * Runs `steps` env steps on a fresh MjData without ever restoring (the way Gymnasium's env holds
 * its data) and returns the integration state after each step, in our layout.
 */
function continuousRun(model: MujocoModel, qpos: number[], qvel: number[], steps: number, frameSkip: number) {
  const { mj, model: m } = model.scratch();
  const d = new mj.MjData(m);
  try {
    mj.mj_resetData(m, d);
    (d.qpos as Float64Array).set(qpos);
    (d.qvel as Float64Array).set(qvel);
    mj.mj_forward(m, d);
    const states: number[][] = [];
    let contacts = 0;
    for (let t = 0; t < steps; t++) {
      (d.ctrl as Float64Array).set(controls(t, model.nu));
      for (let k = 0; k < frameSkip; k++) {
        mj.mj_step(m, d);
        contacts = Math.max(contacts, d.ncon);
      }
      mj.mj_rnePostConstraint(m, d);
      states.push([
        d.time,
        ...(d.qpos as Float64Array),
        ...(d.qvel as Float64Array),
        ...(d.act as Float64Array),
        ...(d.qacc_warmstart as Float64Array),
        ...(d.ctrl as Float64Array),
        ...(d.xpos as Float64Array),
        ...(d.cfrc_ext as Float64Array),
        ...(d.qfrc_constraint as Float64Array),
      ]);
    }
    return { states, contacts };
  } finally {
    d.delete();
  }
}

describe('MuJoCo runtime', () => {
  it('compiles each model once', async () => {
    expect(await compileModel('half_cheetah', HALF_CHEETAH_XML)).toBe(cheetah);
    expect([cheetah.nq, cheetah.nv, cheetah.na, cheetah.nu]).toEqual([9, 9, 0, 6]);
    expect([hopper.nq, hopper.nv, hopper.na, hopper.nu]).toEqual([6, 6, 0, 3]);
    expect(cheetah.layout).toEqual({
      time: 0,
      qpos: 1,
      qvel: 10,
      act: 19,
      warmstart: 19,
      ctrl: 28,
      extras: 34,
    });
    expect(hopper.qpos0).toEqual([0, 1.25, 0, 0, 0, 0]);
  });

  it.each([
    ['half_cheetah (Euler, contacts)', () => cheetah, 5],
    ['hopper (RK4, contacts)', () => hopper, 4],
    ['ant (RK4, free joint, contacts)', () => ant, 5],
  ])('restoring the state before every step is bit-identical to stepping on: %s', (_name, get, frameSkip) => {
    const model = get();
    const qpos = model.qpos0.map((q, i) => q + 0.01 * Math.cos(i));
    const qvel = Array.from({ length: model.nv }, (_, i) => 0.05 * Math.sin(i));
    const steps = 300;
    const { states, contacts } = continuousRun(model, qpos, qvel, steps, frameSkip);
    expect(contacts).toBeGreaterThan(0);

    // Two episodes interleaved through the one scratch MjData, each restored from plain numbers
    // that went through JSON (as through a token), must both follow the continuous run.
    // The extras (positions, contact and constraint forces) must follow too.
    const extras = derived(model);
    let a = model.reset(qpos, qvel, extras);
    let b = model.reset(
      qpos.map((q) => q + 0.1),
      qvel,
      extras,
    );
    let identical = 0;
    for (let t = 0; t < steps; t++) {
      a = JSON.parse(JSON.stringify(model.step(a, controls(t, model.nu), frameSkip, extras)));
      b = model.step(b, controls(t + 7, model.nu), frameSkip, extras);
      expect(a.length).toBe(states[t]!.length);
      if (a.every((x, i) => Object.is(x, states[t]![i]))) identical++;
    }
    expect(identical).toBe(steps);
  });

  it('does not grow the WASM heap over 1000 steps', () => {
    let s = cheetah.reset(cheetah.qpos0, new Array(cheetah.nv).fill(0));
    for (let t = 0; t < 50; t++) s = cheetah.step(s, controls(t, 6), 5);
    const before = cheetah.heapBytes();
    for (let t = 0; t < 1000; t++) s = cheetah.step(s, controls(t, 6), 5);
    expect(cheetah.heapBytes()).toBe(before);
  });

  it("hands MuJoCo's warnings to the message handler, and resets an unstable state as MuJoCo does", () => {
    const messages: string[] = [];
    const previous = setMujocoMessageHandler((text) => messages.push(text));
    try {
      const s = cheetah.step(cheetah.reset(cheetah.qpos0, new Array(9).fill(1e12)), new Array(6).fill(0), 1);
      expect(messages).toEqual([expect.stringMatching(/Nan, Inf or huge value in QVEL/)]);
      // MuJoCo reset the data to the rest pose and went on from there: one 10 ms step of falling.
      for (const [i, q] of s.slice(1, 10).entries())
        expect(Math.abs(q - cheetah.qpos0[i]!)).toBeLessThan(0.01);
    } finally {
      setMujocoMessageHandler(previous);
    }
  });

  it('rejects states of the wrong length', () => {
    expect(() => cheetah.step([0, 1, 2], new Array(6).fill(0), 1)).toThrow(RangeError);
    expect(() => cheetah.step(cheetah.reset(cheetah.qpos0, new Array(9).fill(0)), [0], 1)).toThrow(
      RangeError,
    );
  });

  it("sums float32 squares as numpy does (values from numpy's np.sum(np.square(a)))", () => {
    const cases: [number[], number][] = [
      [[0.37528640031814575], 0.14083988964557648],
      [[1.1916414499282837, 0.8270570635795593, -0.8243784308433533], 2.783632516860962],
      [
        [
          -0.5995011329650879, 1.1206603050231934, -1.4842040538787842, 0.9636852741241455, 0.891208291053772,
          -0.09619513899087906,
        ],
        5.550338268280029,
      ],
      [
        [
          -0.5909027457237244, -0.6647231578826904, -0.7353912591934204, -0.16477108001708984,
          0.013644777238368988, 0.16049206256866455, 1.486500859260559, 0.8779857754707336,
        ],
        4.365460395812988,
      ],
    ];
    for (const [a, expected] of cases) expect(float32SumOfSquares(Float32Array.from(a))).toBe(expected);
  });
});

describe('MujocoModel.withScales', () => {
  const live = (model: MujocoModel, field: string) =>
    Array.from((model.scratch().model as unknown as Record<string, Float64Array>)[field]!);

  it('writes compiled value × factor during the call and the compiled values back after it', () => {
    const damping = cheetah.baseValues('dof_damping');
    const seen = cheetah.withScales({ dof_damping: new Array(9).fill(2) }, () =>
      live(cheetah, 'dof_damping'),
    );
    expect(seen).toEqual(Array.from(damping, (d) => d * 2));
    expect(live(cheetah, 'dof_damping')).toEqual(Array.from(damping));
    // Also when the call throws.
    expect(() =>
      cheetah.withScales({ body_mass: new Array(8).fill(3) }, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    for (const field of SCALABLE_FIELDS)
      expect(live(cheetah, field)).toEqual(Array.from(cheetah.baseValues(field)));
  });

  it('scaling by ones steps bit-identically to no scaling', () => {
    let s = cheetah.reset(cheetah.qpos0, new Array(9).fill(0.1));
    const scales = Object.fromEntries(
      SCALABLE_FIELDS.map((f) => [f, new Array(cheetah.fieldSize(f)).fill(1)]),
    );
    for (let t = 0; t < 40; t++) {
      const plain = cheetah.step(s, controls(t, 6), 5);
      const scaled = cheetah.withScales(scales, () => cheetah.step(s, controls(t, 6), 5));
      expect(scaled).toEqual(plain);
      s = plain;
    }
  });

  it('recomputes body_subtreemass from the scaled masses as mj_setConst does', async () => {
    // A separate compile: mj_setConst also rewrites constants that withScales does not restore.
    const copy = await compileModel('half_cheetah_setconst_check', HALF_CHEETAH_XML);
    const factors = [1, 2, 0.5, 3, 1.5, 0.7, 1.1, 2.5];
    const [ours, mujoco] = copy.withScales({ body_mass: factors }, () => {
      const { mj, model, data } = copy.scratch();
      const mine = live(copy, 'body_subtreemass');
      mj.mj_setConst(model, data);
      return [mine, live(copy, 'body_subtreemass')];
    });
    expect(ours).toEqual(mujoco);
    expect(ours![0]).toBeCloseTo(
      Array.from(copy.baseValues('body_mass')).reduce((a, m, i) => a + m * factors[i]!, 0),
      12,
    );
  });

  it('rejects factors of the wrong length and nested calls', () => {
    expect(() => cheetah.withScales({ dof_damping: [1, 2] }, () => 0)).toThrow(RangeError);
    expect(() =>
      cheetah.withScales({ dof_damping: new Array(9).fill(1) }, () =>
        cheetah.withScales({ body_mass: new Array(8).fill(1) }, () => 0),
      ),
    ).toThrow(/do not nest/);
    expect(live(cheetah, 'dof_damping')).toEqual(Array.from(cheetah.baseValues('dof_damping')));
  });
});

describe('MujocoModel.geomPoses', () => {
  it('places the geoms by forward kinematics of qpos', () => {
    const g = ant.geoms();
    expect(g.ngeom).toBe(14);
    expect(Array.from(g.type.subarray(0, 2))).toEqual([0, 2]); // plane, sphere
    const qpos = [...ant.qpos0];
    qpos[0] = 1.5;
    qpos[1] = -2;
    const poses = ant.geomPoses(qpos);
    expect(Array.from(poses.xpos.subarray(3, 6))).toEqual([1.5, -2, 0.75]); // the torso sphere
    expect(Array.from(poses.bodyXpos.subarray(3, 6))).toEqual([1.5, -2, 0.75]);
    expect(poses.xmat.length).toBe(9 * 14);
  });
});
