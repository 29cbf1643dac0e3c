/**
 * The stored agent, whatever its family: what it was made for (a served env, or a registered
 * external env), its family's full config, and its spaces. Plain JSON, stored as the store
 * document `agents/<id>` and never rewritten (trained weights are versions; data is segments).
 * Families may store derived fields of their own beside these (MPC: its model layout).
 * @module
 */
import type { EnvRef } from '../envs/env-ref.ts';
import type { SpaceDescription } from '../spaces/space.ts';

/** A stored agent with its family's config `C`. */
export interface AgentRecord<C = unknown> {
  id: string;
  /** The family (see families.ts). */
  type: string;
  name?: string;
  /** The served env it was made for. */
  env?: EnvRef;
  external_env_id?: string;
  preset: string;
  config: C;
  observation_space: SpaceDescription;
  action_space: SpaceDescription;
  /** Where known reward and termination come from (absent: nothing declares them). */
  known?: EnvRef;
  created_at: string;
}
