/**
 * An MPC version on the agent seam: `act` and `plan` over an {@link MpcPolicy}, with the
 * planner's warm start (`{mean, elites}`) as the family's context bytes and the plan's details
 * in wire form.
 * @module
 */
import type { PlanContext } from '../../planners/planner.ts';
import { packMsgpack, unpackMsgpack } from '../../wire/msgpack.ts';
import { InvalidContextError } from '../errors.ts';
import type { ActOptions, AgentPolicy, PolicyAnswer } from '../family.ts';
import { envAction } from '../spaces.ts';
import type { MpcPolicy } from './policy.ts';

const bytesOf = (a: Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** A planner warm start as context bytes. */
export function encodePlanContext(context: PlanContext): Uint8Array {
  return packMsgpack({
    mean: bytesOf(context.mean),
    ...(context.elites ? { elites: bytesOf(context.elites) } : {}),
  });
}

/** Context bytes back to a warm start; InvalidContextError when they are not one. */
export function decodePlanContext(bytes: Uint8Array): PlanContext {
  const floats = (value: unknown): Float32Array => {
    if (!(value instanceof Uint8Array) || value.byteLength % 4 !== 0)
      throw new InvalidContextError('plan context is malformed');
    return new Float32Array(new Uint8Array(value).buffer);
  };
  let p: Record<string, unknown>;
  try {
    p = unpackMsgpack(bytes) as Record<string, unknown>;
  } catch {
    throw new InvalidContextError('plan context is malformed');
  }
  if (typeof p !== 'object' || p === null) throw new InvalidContextError('plan context is malformed');
  return { mean: floats(p.mean), ...(p.elites !== undefined ? { elites: floats(p.elites) } : {}) };
}

/** Rows of width `width` as nested arrays. */
function rows(a: Float32Array, width: number): number[][] {
  return Array.from({ length: a.length / width }, (_, i) =>
    Array.from(a.subarray(i * width, (i + 1) * width)),
  );
}

/** See the module doc. Owns the MpcPolicy: disposing this disposes it. */
export class MpcAgentPolicy implements AgentPolicy {
  constructor(readonly policy: MpcPolicy) {}

  get version(): number {
    return this.policy.version;
  }

  act(observation: Float32Array, options: ActOptions): PolicyAnswer {
    const out = this.#plan(observation, options, false);
    return { action: out.action, context: encodePlanContext(out.context) };
  }

  plan(observation: Float32Array, options: ActOptions): PolicyAnswer {
    const out = this.#plan(observation, options, true);
    const { record } = this.policy;
    const p = out.predictions!;
    const obsDim = record.layout.obsDim;
    return {
      action: out.action,
      context: encodePlanContext(out.context),
      details: {
        actions: rows(out.sequence, this.policy.actionWidth).map((r) =>
          envAction(record.action_space, Float32Array.from(r)),
        ),
        value: out.value,
        predicted_observations: {
          mean: rows(p.observations.mean, obsDim),
          std: rows(p.observations.std, obsDim),
        },
        predicted_rewards: { mean: Array.from(p.rewards.mean), std: Array.from(p.rewards.std) },
        planner: record.config.planner.type,
        evaluations: out.evaluations,
      },
    };
  }

  #plan(observation: Float32Array, options: ActOptions, predict: boolean) {
    const context = options.context ? decodePlanContext(options.context) : undefined;
    try {
      return this.policy.plan(observation, { seed: options.seed, predict, ...(context ? { context } : {}) });
    } catch (err) {
      // A context from another version may not fit the planner (horizon changed): refuse it.
      if (err instanceof RangeError && context) throw new InvalidContextError(err.message);
      throw err;
    }
  }

  dispose(): Promise<void> {
    return this.policy.dispose();
  }
}
