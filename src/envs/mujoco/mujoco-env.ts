/**
 * What the MuJoCo envs add to {@link EnvDefinition}.
 * @module
 */
import type { EnvDefinition, PhysicalState } from '../env.ts';
import type { MujocoModel } from './runtime.ts';

/**
 * A MuJoCo env: an {@link EnvDefinition} over a compiled model. Actions are float32 Boxes (the
 * actuators' control ranges), observations float64 Boxes, as in Gymnasium v5.
 */
export interface MujocoEnvDefinition<P> extends EnvDefinition<P, Float32Array> {
  /** The compiled model the env steps. */
  readonly model: MujocoModel;
  /**
   * Gymnasium v5's `reset` info (`_get_reset_info`, e.g. `x_position`) for an initial state.
   * {@link EnvDefinition} has no hook for it yet, so the adapters still answer `{}` on reset.
   */
  resetInfo(state: PhysicalState, params: P): Record<string, unknown>;
}

/** Parameters every MuJoCo env has. */
export interface MujocoParams {
  /** MuJoCo steps per env step (Gymnasium's `frame_skip`). */
  readonly frameSkip: number;
  /** Seconds per env step: `opt.timestep * frame_skip` (Gymnasium's `dt`). */
  readonly dt: number;
}
