/**
 * The MuJoCo runtime behind the MuJoCo envs: one mujoco-js WASM module per process, one compiled
 * {@link MujocoModel} per MJCF model, and one scratch `MjData` per model into which a physical
 * state is restored before every step.
 *
 * Episodes live in state tokens (DESIGN.md, principle 2), so the simulator keeps nothing between
 * calls: a step restores the whole integration state into the scratch data, steps, and copies the
 * state back out. MuJoCo's `mj_getState` does not fill JS arrays in mujoco-js 0.0.7, so the fields
 * are copied one by one. Node runs our code on one thread, so one scratch `MjData` per model is
 * never used by two calls at once.
 *
 * ## Physical state layout (`number[]`, all float64)
 *
 * ```
 * [ time,
 *   qpos[0..nq), qvel[0..nv), act[0..na), qacc_warmstart[0..nv), ctrl[0..nu),
 *   extras[0..k) ]
 * ```
 *
 * - `time .. ctrl` is MuJoCo's integration state as far as our models use it: restoring it into any
 *   `MjData` of the model and calling `mj_step` gives, to the bit, what the uninterrupted simulation
 *   gives. `qacc_warmstart` must travel too: the constraint solver starts from it, and without it
 *   runs diverge at the first contacts. `qfrc_applied`, `xfrc_applied`, mocap bodies, equality
 *   flags, userdata and plugin state, the rest of `mjSTATE_INTEGRATION`, stay at their reset
 *   values (zero) in every env here, in the scratch data as in a fresh one, so they are not stored.
 * - `ctrl` holds the last action (float32 values widened to float64), which is also how
 *   `info` recovers the control cost without seeing the action.
 * - `extras` are quantities *derived* by the last MuJoCo call (body or site positions, constraint
 *   or contact forces) that an env's observation, reward or info reads. Gymnasium reads them from
 *   `MjData` after `mj_step`, where they come from a forward pass inside the last substep (before
 *   its integration with Euler, at an intermediate stage with RK4), not from the final `qpos` and
 *   `qvel`; so they cannot be recomputed from the integration state and are stored.
 *
 * @module
 */
import load, { type MainModule, type MjData, type MjModel } from 'mujoco-js';
import type { PhysicalState } from '../env.ts';

/** MuJoCo object types for `mj_name2id` (`mjtObj`). */
const OBJ_BODY = 1;
const OBJ_SITE = 6;

let modulePromise: Promise<MainModule> | undefined;

/** Receives what the WASM module prints (MuJoCo warnings such as "Nan, Inf or huge value in QVEL"). */
export type MujocoMessageHandler = (text: string) => void;

let messageHandler: MujocoMessageHandler = (text) => {
  // stderr, never stdout: stdout carries the server's JSON log lines.
  process.stderr.write(`mujoco: ${text}\n`);
};

/**
 * Routes the module's output (MuJoCo prints its warnings, e.g. when it resets an unstable
 * simulation) to `handler` instead of stderr, e.g. to the server's logger. Returns the previous one.
 */
export function setMujocoMessageHandler(handler: MujocoMessageHandler): MujocoMessageHandler {
  const previous = messageHandler;
  messageHandler = handler;
  return previous;
}

/**
 * Loads the mujoco-js WASM module once per process (later calls share the same promise).
 * A failed load is not cached, so a later call tries again.
 */
export function loadMujoco(): Promise<MainModule> {
  if (!modulePromise) {
    const print = (text: string) => {
      if (text !== '') messageHandler(text);
    };
    modulePromise = load({ print, printErr: print }).catch((err: unknown) => {
      modulePromise = undefined;
      throw err;
    });
  }
  return modulePromise;
}

/**
 * Quantities an env reads from `MjData` after a reset or a step, stored as the state's extras.
 * `read` appends exactly `size` numbers to `out`; `phase` says whether `MjData` holds what
 * `mj_resetData` + `mj_forward` computed, or what a step computed. (`mj_resetData` clears
 * `cfrc_ext` and the other `mj_rnePostConstraint` outputs, as a fresh Gymnasium env has them.)
 */
export interface Extras {
  readonly size: number;
  /**
   * Whether steps must end with `mj_rnePostConstraint` (as Gymnasium's `do_simulation` does), for
   * `cacc`, `cfrc_int` and `cfrc_ext`. Those are outputs only, so envs that do not read them skip it.
   */
  readonly rnePostConstraint?: boolean;
  read(data: MjData, out: number[], phase: 'reset' | 'step'): void;
}

const NO_EXTRAS: Extras = { size: 0, read() {} };

/** Where each part of the physical state starts (see the module doc). */
export interface StateLayout {
  readonly time: 0;
  readonly qpos: number;
  readonly qvel: number;
  readonly act: number;
  readonly warmstart: number;
  readonly ctrl: number;
  /** Start of the extras, i.e. the length of the integration state. */
  readonly extras: number;
}

/**
 * `MjModel` arrays (float64, MuJoCo's flat layout) that a task may scale for the duration of one
 * call: `body_mass` (nbody), `body_inertia` (nbody × 3, principal moments), `dof_damping` (nv),
 * `geom_friction` (ngeom × 3: sliding, torsional, rolling), `actuator_gear` (nu × 6).
 */
export type ScalableField = 'body_mass' | 'body_inertia' | 'dof_damping' | 'geom_friction' | 'actuator_gear';

/** The fields {@link MujocoModel.withScales} can scale, in a fixed order. */
export const SCALABLE_FIELDS: readonly ScalableField[] = [
  'body_mass',
  'body_inertia',
  'dof_damping',
  'geom_friction',
  'actuator_gear',
];

/**
 * Per-element factors for some {@link ScalableField}s: each array as long as the field, the value
 * used being the compiled model's value times the factor.
 */
export type ModelScales = Readonly<Partial<Record<ScalableField, ArrayLike<number>>>>;

/** MuJoCo's geom types (`mjtGeom`) the renderer draws. */
export const GEOM_PLANE = 0;
export const GEOM_SPHERE = 2;
export const GEOM_CAPSULE = 3;
export const GEOM_ELLIPSOID = 4;
export const GEOM_CYLINDER = 5;
export const GEOM_BOX = 6;

/** The geoms of a model: what does not change with the state (copied once). */
export interface GeomTable {
  readonly ngeom: number;
  /** `geom_type`, one `mjtGeom` per geom. */
  readonly type: Int32Array;
  /** `geom_size`, 3 per geom (meaning depends on the type). */
  readonly size: Float64Array;
  /** `geom_rgba`, 4 per geom. */
  readonly rgba: Float32Array;
  /** `geom_bodyid`. */
  readonly body: Int32Array;
  /** `body_parentid`, one per body. */
  readonly parent: Int32Array;
}

/**
 * Where everything is for one `qpos`: `geom_xpos` (3 per geom), `geom_xmat` (9 per geom,
 * row-major) and the bodies' frames' origins `xpos` (3 per body).
 */
export interface GeomPoses {
  readonly xpos: Float64Array;
  readonly xmat: Float64Array;
  readonly bodyXpos: Float64Array;
}

/** A compiled MJCF model with its scratch data. */
export class MujocoModel {
  readonly nq: number;
  readonly nv: number;
  readonly na: number;
  readonly nu: number;
  readonly nbody: number;
  /** `opt.timestep`, seconds per `mj_step`. */
  readonly timestep: number;
  /** The model's `qpos0` (Gymnasium's `init_qpos`). */
  readonly qpos0: readonly number[];
  /** Actuator control ranges, as `model.actuator_ctrlrange` gives them. */
  readonly ctrlLow: readonly number[];
  readonly ctrlHigh: readonly number[];
  readonly layout: StateLayout;
  readonly #mj: MainModule;
  readonly #model: MjModel;
  readonly #data: MjData;
  /** The compiled values of the scalable fields, and of `body_subtreemass` (derived from the masses). */
  readonly #base = new Map<ScalableField | 'body_subtreemass', Float64Array>();
  /** Views of model arrays into the WASM heap, refreshed when memory growth detaches them. */
  readonly #views = new Map<string, Float64Array>();
  readonly #parents: Int32Array;
  /** True while {@link MujocoModel.withScales} has the model modified. */
  #scaled = false;
  #geoms: GeomTable | undefined;

  constructor(
    readonly name: string,
    mj: MainModule,
    model: MjModel,
  ) {
    this.#mj = mj;
    this.#model = model;
    this.#data = new mj.MjData(model);
    this.nq = model.nq;
    this.nv = model.nv;
    this.na = model.na;
    this.nu = model.nu;
    this.nbody = model.nbody;
    this.timestep = model.opt.timestep;
    this.qpos0 = Object.freeze(Array.from(model.qpos0 as Float64Array));
    const range = Array.from(model.actuator_ctrlrange as Float64Array);
    this.ctrlLow = Object.freeze(range.filter((_, i) => i % 2 === 0));
    this.ctrlHigh = Object.freeze(range.filter((_, i) => i % 2 === 1));
    const qpos = 1;
    const qvel = qpos + this.nq;
    const act = qvel + this.nv;
    const warmstart = act + this.na;
    const ctrl = warmstart + this.nv;
    this.layout = Object.freeze({ time: 0, qpos, qvel, act, warmstart, ctrl, extras: ctrl + this.nu });
    for (const field of [...SCALABLE_FIELDS, 'body_subtreemass'] as const) {
      this.#base.set(field, Float64Array.from(model[field] as Float64Array));
    }
    this.#parents = Int32Array.from(model.body_parentid as Int32Array);
  }

  /** A live view of a float64 model array (re-fetched if WASM memory growth detached the old one). */
  #view(field: string): Float64Array {
    const base = this.#base.get(field as ScalableField);
    let view = this.#views.get(field);
    if (!view || view.length !== base?.length) {
      view = (this.#model as unknown as Record<string, Float64Array>)[field]!;
      this.#views.set(field, view);
    }
    return view;
  }

  /** The compiled model's values of a scalable field (a copy). */
  baseValues(field: ScalableField): Float64Array {
    return Float64Array.from(this.#base.get(field)!);
  }

  /** Number of elements of a scalable field. */
  fieldSize(field: ScalableField): number {
    return this.#base.get(field)!.length;
  }

  /**
   * Runs `fn` (steps, resets, ...) on the model with some arrays scaled element-wise, then puts
   * the compiled values back, also when `fn` throws. Writes `value = compiled value × factor`, so
   * the result depends only on the arguments, never on an earlier call. When `body_mass` is scaled,
   * `body_subtreemass` is recomputed from the new masses as `mj_setConst` computes it. The other
   * constants `mj_setConst` derives (`body_invweight0`, `dof_invweight0`, `stat.meaninertia`, used
   * to scale constraint regularisation) keep their compiled values, as when the model arrays are
   * written directly (mujoco-py's `model.body_mass[:] = ...`). Not reentrant.
   */
  withScales<T>(scales: ModelScales | undefined, fn: () => T): T {
    if (!scales) return fn();
    if (this.#scaled) throw new Error(`${this.name}: withScales calls do not nest`);
    const fields = SCALABLE_FIELDS.filter((f) => scales[f] !== undefined);
    for (const field of fields) {
      const factors = scales[field]!;
      const base = this.#base.get(field)!;
      if (factors.length !== base.length) {
        throw new RangeError(
          `${this.name}: ${field} has ${base.length} elements, got ${factors.length} factors`,
        );
      }
    }
    this.#scaled = true;
    try {
      for (const field of fields) {
        const factors = scales[field]!;
        const base = this.#base.get(field)!;
        const view = this.#view(field);
        for (let i = 0; i < base.length; i++) view[i] = base[i]! * factors[i]!;
      }
      if (scales.body_mass) {
        const sub = this.#view('body_subtreemass');
        sub.set(this.#view('body_mass'));
        for (let b = this.nbody - 1; b > 0; b--) sub[this.#parents[b]!] = sub[this.#parents[b]!]! + sub[b]!;
      }
      return fn();
    } finally {
      for (const field of fields) this.#view(field).set(this.#base.get(field)!);
      if (scales.body_mass) this.#view('body_subtreemass').set(this.#base.get('body_subtreemass')!);
      this.#scaled = false;
    }
  }

  /** The model's geoms (types, sizes, colours, bodies), for drawing. */
  geoms(): GeomTable {
    if (!this.#geoms) {
      const m = this.#model;
      this.#geoms = Object.freeze({
        ngeom: m.ngeom,
        type: Int32Array.from(m.geom_type as Int32Array),
        size: Float64Array.from(m.geom_size as Float64Array),
        rgba: Float32Array.from(m.geom_rgba as Float32Array),
        body: Int32Array.from(m.geom_bodyid as Int32Array),
        parent: Int32Array.from(this.#parents),
      });
    }
    return this.#geoms;
  }

  /**
   * Forward kinematics of joint positions `qpos` (nq values) in the scratch data
   * (`mj_kinematics`), returning every geom's world position and orientation (copies).
   */
  geomPoses(qpos: ArrayLike<number>): GeomPoses {
    if (qpos.length !== this.nq) throw new RangeError(`${this.name}: expected ${this.nq} qpos values`);
    const d = this.#data;
    (d.qpos as Float64Array).set(qpos);
    this.#mj.mj_kinematics(this.#model, d);
    return {
      xpos: Float64Array.from(d.geom_xpos as Float64Array),
      xmat: Float64Array.from(d.geom_xmat as Float64Array),
      bodyXpos: Float64Array.from(d.xpos as Float64Array),
    };
  }

  /** Index of a named body (`mj_name2id`); throws when the model has none of that name. */
  bodyId(name: string): number {
    return this.#id(OBJ_BODY, name);
  }

  /** Index of a named site. */
  siteId(name: string): number {
    return this.#id(OBJ_SITE, name);
  }

  #id(type: number, name: string): number {
    const id = this.#mj.mj_name2id(this.#model, type, name);
    if (id < 0) throw new Error(`model ${this.name} has no object of type ${type} named "${name}"`);
    return id;
  }

  /** Length of a physical state with `extras`. */
  stateSize(extras: Extras = NO_EXTRAS): number {
    return this.layout.extras + extras.size;
  }

  /**
   * Gymnasium's `reset` followed by `set_state(qpos, qvel)`: `mj_resetData`, then the given joint
   * positions and velocities, then `mj_forward` so that derived quantities (the extras) belong to
   * the new state. Time, activations, warm start and controls are those of the reset (zero).
   */
  reset(qpos: ArrayLike<number>, qvel: ArrayLike<number>, extras: Extras = NO_EXTRAS): PhysicalState {
    if (qpos.length !== this.nq || qvel.length !== this.nv) {
      throw new RangeError(`${this.name}: expected ${this.nq} qpos and ${this.nv} qvel values`);
    }
    const mj = this.#mj;
    const d = this.#data;
    mj.mj_resetData(this.#model, d);
    (d.qpos as Float64Array).set(qpos);
    (d.qvel as Float64Array).set(qvel);
    mj.mj_forward(this.#model, d);
    return this.save(extras, 'reset');
  }

  /**
   * One env step: restores `state`, sets `ctrl`, runs `mj_step` `frameSkip` times (then
   * `mj_rnePostConstraint` when the extras need it), and returns the new state. Pure as far as
   * callers can tell: the result depends only on the arguments.
   */
  step(
    state: PhysicalState,
    ctrl: ArrayLike<number>,
    frameSkip: number,
    extras: Extras = NO_EXTRAS,
  ): PhysicalState {
    if (ctrl.length !== this.nu) throw new RangeError(`${this.name}: expected ${this.nu} controls`);
    this.restore(state, extras);
    const mj = this.#mj;
    const m = this.#model;
    const d = this.#data;
    (d.ctrl as Float64Array).set(ctrl);
    for (let i = 0; i < frameSkip; i++) mj.mj_step(m, d);
    if (extras.rnePostConstraint) mj.mj_rnePostConstraint(m, d);
    return this.save(extras, 'step');
  }

  /** Writes the integration part of `state` into the scratch data (extras are outputs only). */
  restore(state: PhysicalState, extras: Extras = NO_EXTRAS): void {
    const L = this.layout;
    if (state.length !== L.extras + extras.size) {
      throw new RangeError(
        `${this.name}: a physical state has ${L.extras + extras.size} numbers, got ${state.length}`,
      );
    }
    const d = this.#data;
    d.time = state[0]!;
    copyIn(d.qpos as Float64Array, state, L.qpos);
    copyIn(d.qvel as Float64Array, state, L.qvel);
    if (this.na > 0) copyIn(d.act as Float64Array, state, L.act);
    copyIn(d.qacc_warmstart as Float64Array, state, L.warmstart);
    copyIn(d.ctrl as Float64Array, state, L.ctrl);
  }

  /** Copies the scratch data out as a physical state (`phase` tells the extras what ran last). */
  save(extras: Extras = NO_EXTRAS, phase: 'reset' | 'step' = 'step'): PhysicalState {
    const d = this.#data;
    const out: number[] = [d.time];
    copyOut(d.qpos as Float64Array, out);
    copyOut(d.qvel as Float64Array, out);
    if (this.na > 0) copyOut(d.act as Float64Array, out);
    copyOut(d.qacc_warmstart as Float64Array, out);
    copyOut(d.ctrl as Float64Array, out);
    extras.read(d, out, phase);
    if (out.length !== this.layout.extras + extras.size) {
      throw new Error(
        `${this.name}: extras wrote ${out.length - this.layout.extras}, expected ${extras.size}`,
      );
    }
    return out;
  }

  /**
   * Direct access to the scratch `MjData`, for tests and benchmarks. What it holds is only
   * meaningful right after {@link MujocoModel.reset}, {@link MujocoModel.step} or
   * {@link MujocoModel.restore}; the next call overwrites it.
   */
  scratch(): { mj: MainModule; model: MjModel; data: MjData } {
    return { mj: this.#mj, model: this.#model, data: this.#data };
  }

  /** Size of the WASM linear memory, bytes. */
  heapBytes(): number {
    return ((this.#data.qpos as Float64Array).buffer as ArrayBuffer).byteLength;
  }
}

function copyIn(target: Float64Array, state: PhysicalState, offset: number): void {
  for (let i = 0; i < target.length; i++) target[i] = state[offset + i]!;
}

function copyOut(source: Float64Array, out: number[]): void {
  for (let i = 0; i < source.length; i++) out.push(source[i]!);
}

const compiled = new Map<string, MujocoModel>();
let fileCounter = 0;

/** The model compiled under `name`, if {@link compileModel} has compiled it (synchronous lookup). */
export function compiledModel(name: string): MujocoModel | undefined {
  return compiled.get(name);
}

/**
 * Compiles an MJCF string once per `name` (later calls return the cached model, whatever `xml`
 * they pass). The XML goes through the module's in-memory file system and is removed after
 * compiling. Throws when MuJoCo rejects the model.
 */
export async function compileModel(name: string, xml: string): Promise<MujocoModel> {
  const hit = compiled.get(name);
  if (hit) return hit;
  const mj = await loadMujoco();
  const again = compiled.get(name); // another caller may have compiled it meanwhile
  if (again) return again;
  const path = `/modelgym-${name.replace(/[^\w-]/g, '_')}-${fileCounter++}.xml`;
  mj.FS.writeFile(path, xml);
  let model: MjModel;
  try {
    model = mj.MjModel.loadFromXML(path);
  } finally {
    mj.FS.unlink(path);
  }
  if (!model) throw new Error(`MuJoCo could not compile model ${name}`);
  const result = new MujocoModel(name, mj, model);
  compiled.set(name, result);
  return result;
}
