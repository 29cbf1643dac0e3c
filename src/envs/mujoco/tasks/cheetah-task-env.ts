/**
 * The frame of the HalfCheetah task envs: HalfCheetah-v5's model, reset, observation and
 * dynamics, with a per-task forward reward, optional disabled actuators and optional model
 * scales (damping, masses, ...), all read from the parameters the task was applied to.
 * @module
 */
import { checkKwargNames } from '../../classic-control/validate.ts';
import type { EnvDoc, PhysicalState } from '../../env.ts';
import type { Task, TaskFamily } from '../../task.ts';
import { controlCost } from '../common.ts';
import { type HalfCheetahParams, halfCheetahEnv } from '../half-cheetah.ts';
import type { MujocoEnvDefinition } from '../mujoco-env.ts';
import type { ModelScales, MujocoModel } from '../runtime.ts';
import { CHEETAH_OBS, cheetahRowVelocity, maskAction, maskedRowCost, TASK_HORIZON } from './shared.ts';

/** HalfCheetah-v5's parameters (default kwargs) plus the task's fields `X`. */
export type CheetahTaskParams<X> = HalfCheetahParams & X;

export interface CheetahTaskSpec<X extends object, T extends Task> {
  id: string;
  doc: EnvDoc;
  /** The task fields of the default task (a call whose parameters carry no task). */
  defaults: X;
  /** Weight of sum(action²) in the reward (HalfCheetah-v5: 0.1). */
  ctrlCostWeight: number;
  tasks: TaskFamily<CheetahTaskParams<X>, T>;
  /** reward_forward from the x velocity (displacement of rootx over dt). */
  forwardReward(xVelocity: number, p: CheetahTaskParams<X>): number;
  /** Actuators whose action is replaced by 0 before it reaches MuJoCo (and the control cost). */
  disabled?(p: CheetahTaskParams<X>): readonly number[];
  /** Model arrays scaled for the duration of each MuJoCo call. */
  scales?(p: CheetahTaskParams<X>): ModelScales | undefined;
}

const NONE: readonly number[] = Object.freeze([]);

/** Builds a HalfCheetah task env on the compiled HalfCheetah model. */
export function cheetahTaskEnv<X extends object, T extends Task>(
  model: MujocoModel,
  spec: CheetahTaskSpec<X, T>,
): MujocoEnvDefinition<CheetahTaskParams<X>> {
  const base = halfCheetahEnv(model);
  const L = model.layout;
  const nu = model.nu;
  const defaults: CheetahTaskParams<X> = Object.freeze({
    ...base.params(base.defaultKwargs),
    ctrlCostWeight: spec.ctrlCostWeight,
    ...spec.defaults,
  });
  if (defaults.excludeCurrentPositions !== true || model.nq + model.nv - 1 !== CHEETAH_OBS.width) {
    throw new Error('HalfCheetah task envs expect the default 17-wide observation');
  }
  const disabled = (p: CheetahTaskParams<X>) => spec.disabled?.(p) ?? NONE;
  const scales = (p: CheetahTaskParams<X>) => spec.scales?.(p);
  const xVelocity = (s: PhysicalState, next: PhysicalState, p: CheetahTaskParams<X>) =>
    (next[L.qpos]! - s[L.qpos]!) / p.dt;
  const applied = (action: Float32Array, p: CheetahTaskParams<X>) => {
    const off = disabled(p);
    return off.length ? maskAction(action, off) : action;
  };

  return {
    id: spec.id,
    doc: spec.doc,
    model,
    maxEpisodeSteps: TASK_HORIZON,
    defaultKwargs: Object.freeze({}),

    params(kwargs) {
      checkKwargNames(kwargs, []);
      return defaults;
    },

    observationSpace: (p) => base.observationSpace(p),
    actionSpace: (p) => base.actionSpace(p),

    initial(rng, p, options) {
      return model.withScales(scales(p), () => base.initial(rng, p, options));
    },

    transition(state, action, p) {
      const ctrl = applied(action, p);
      return model.withScales(scales(p), () => model.step(state, ctrl, p.frameSkip));
    },

    reward(state, action, next, p) {
      const forward = spec.forwardReward(xVelocity(state, next, p), p);
      return forward - controlCost(p.ctrlCostWeight, applied(action, p));
    },

    terminal: () => false,

    observation: (state, p) => base.observation(state, p),

    info(state, next, p) {
      const v = xVelocity(state, next, p);
      return {
        x_position: next[L.qpos]!,
        x_velocity: v,
        reward_forward: spec.forwardReward(v, p),
        reward_ctrl: -controlCost(p.ctrlCostWeight, next, L.ctrl, nu),
      };
    },

    resetInfo: (state, p) => base.resetInfo(state, p),

    parseState(value, p) {
      return model.withScales(scales(p), () => base.parseState(value, p));
    },

    batched: {
      reward(obs, action, nextObs, n, p) {
        const off = disabled(p);
        const scratch = new Float32Array(nu);
        const out = new Float32Array(n);
        for (let i = 0; i < n; i++) {
          const forward = spec.forwardReward(cheetahRowVelocity(obs, nextObs, i), p);
          const ctrl = off.length
            ? maskedRowCost(p.ctrlCostWeight, action, i, nu, off, scratch)
            : controlCost(p.ctrlCostWeight, action, i * nu, nu);
          out[i] = forward - ctrl;
        }
        return out;
      },
      terminal: (_nextObs, n) => new Uint8Array(n),
    },

    tasks: spec.tasks,
  };
}
