/**
 * The frame of the Ant task envs: Ant-v5's model, reset, observation, dynamics, health test and
 * control / contact costs, with a per-task goal term in place of the forward reward and optional
 * disabled actuators, read from the parameters the task was applied to.
 * @module
 */
import { checkKwargNames } from '../../classic-control/validate.ts';
import type { EnvDoc, PhysicalState } from '../../env.ts';
import type { Task, TaskFamily } from '../../task.ts';
import { type AntParams, antEnv, healthyRow } from '../ant.ts';
import { controlCost, float64SumOfSquares } from '../common.ts';
import type { MujocoEnvDefinition } from '../mujoco-env.ts';
import type { MujocoModel } from '../runtime.ts';
import { maskAction, maskedRowCost, TASK_HORIZON } from './shared.ts';

/** Ant-v5's parameters plus the task's fields `X`. */
export type AntTaskParams<X> = AntParams & X;

/** The main body's motion over a step: velocities from its `xpos` displacement, and where it ended. */
export interface AntMotion {
  xVelocity: number;
  yVelocity: number;
  x: number;
  y: number;
}

/** Where things sit in one observation row. */
export interface AntObsIndex {
  width: number;
  /** qvel[0], qvel[1]: the torso's x and y velocities. */
  vx: number;
  vy: number;
  /** The torso's x and y (qpos[0], qpos[1]); -1 when left out of the observation. */
  x: number;
  y: number;
  z: number;
  /** First clipped contact force. */
  forces: number;
}

export interface AntTaskSpec<X extends object, T extends Task> {
  id: string;
  doc: EnvDoc;
  defaults: X;
  /** Ant-v5 kwargs that differ from v5's defaults (e.g. `ctrl_cost_weight`). */
  kwargs: Readonly<Record<string, unknown>>;
  tasks: TaskFamily<AntTaskParams<X>, T>;
  /** The info key of the goal term (`reward_forward` or `reward_goal`). */
  goalKey: string;
  /** The goal term of the reward, from the main body's motion over the step. */
  goalReward(m: AntMotion, p: AntTaskParams<X>): number;
  /** The same from one batched row (velocities: mean of the observed ones before and after). */
  batchedGoal(
    obs: Float32Array,
    nextObs: Float32Array,
    at: number,
    idx: AntObsIndex,
    p: AntTaskParams<X>,
  ): number;
  /** Actuators whose action is replaced by 0 before it reaches MuJoCo (and the control cost). */
  disabled?(p: AntTaskParams<X>): readonly number[];
}

const NONE: readonly number[] = Object.freeze([]);

/** Builds an Ant task env on the compiled Ant model. */
export function antTaskEnv<X extends object, T extends Task>(
  model: MujocoModel,
  spec: AntTaskSpec<X, T>,
): MujocoEnvDefinition<AntTaskParams<X>> {
  const base = antEnv(model);
  const { nq, nv, nu, nbody } = model;
  const E = model.layout.extras;
  const defaults: AntTaskParams<X> = Object.freeze({
    ...base.params({ ...base.defaultKwargs, ...spec.kwargs }),
    ...spec.defaults,
  });
  const skip = defaults.excludeCurrentPositions ? 2 : 0;
  const forces = (nbody - 1) * 6;
  const idx: AntObsIndex = Object.freeze({
    width: nq + nv - skip + (defaults.includeCfrcExt ? forces : 0),
    vx: nq - skip,
    vy: nq - skip + 1,
    x: skip ? -1 : 0,
    y: skip ? -1 : 1,
    z: 2 - skip,
    forces: nq + nv - skip,
  });
  const disabled = (p: AntTaskParams<X>) => spec.disabled?.(p) ?? NONE;
  const motion = (state: PhysicalState, next: PhysicalState, p: AntTaskParams<X>): AntMotion => {
    const b = E + 2 * p.mainBody;
    return {
      xVelocity: (next[b]! - state[b]!) / p.dt,
      yVelocity: (next[b + 1]! - state[b + 1]!) / p.dt,
      x: next[b]!,
      y: next[b + 1]!,
    };
  };
  /** Ant-v5's info (survive, ctrl and contact terms, positions, velocities) with the goal term. */
  const terms = (state: PhysicalState, next: PhysicalState, p: AntTaskParams<X>) => {
    const info = base.info!(state, next, p) as Record<string, number>;
    const { reward_forward: _, ...rest } = info;
    return { ...rest, [spec.goalKey]: spec.goalReward(motion(state, next, p), p) } as Record<string, number>;
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
    initial: (rng, p, options) => base.initial(rng, p, options),

    transition(state, action, p) {
      const off = disabled(p);
      return base.transition(state, off.length ? maskAction(action, off) : action, p);
    },

    reward(state, _action, next, p) {
      // The control cost reads the applied action from the next state's ctrl, as Ant-v5 does.
      const t = terms(state, next, p);
      return t[spec.goalKey]! + t.reward_survive! - (-t.reward_ctrl! + -t.reward_contact!);
    },

    terminal: (state, p) => base.terminal(state, p),
    observation: (state, p) => base.observation(state, p),
    info: terms,
    resetInfo: (state, p) => base.resetInfo(state, p),
    parseState: (value, p) => base.parseState(value, p),

    batched: {
      reward(obs, action, nextObs, n, p) {
        const off = disabled(p);
        const scratch = new Float32Array(nu);
        const out = new Float32Array(n);
        for (let i = 0; i < n; i++) {
          const at = i * idx.width;
          const goal = spec.batchedGoal(obs, nextObs, at, idx, p);
          const healthy = (healthyRow(nextObs, at, idx.width, idx.z, p) ? 1 : 0) * p.healthyReward;
          const ctrl = off.length
            ? maskedRowCost(p.ctrlCostWeight, action, i, nu, off, scratch)
            : controlCost(p.ctrlCostWeight, action, i * nu, nu);
          const contact = p.includeCfrcExt
            ? p.contactCostWeight * float64SumOfSquares(nextObs, at + idx.forces, forces)
            : 0;
          out[i] = goal + healthy - (ctrl + contact);
        }
        return out;
      },
      terminal(nextObs, n, p) {
        const out = new Uint8Array(n);
        if (!p.terminateWhenUnhealthy) return out;
        for (let i = 0; i < n; i++) out[i] = healthyRow(nextObs, i * idx.width, idx.width, idx.z, p) ? 0 : 1;
        return out;
      },
    },

    tasks: spec.tasks,
  };
}
