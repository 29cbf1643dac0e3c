/**
 * Plan contexts on the wire: the planner's warm start sealed like a state token (kind `plan`,
 * bound to the agent id), so clients carry it between calls without reading or forging it, and
 * any replica can continue the plan.
 * @module
 */
import type { PlanContext } from '../planners/planner.ts';
import type { Keyring } from '../state/keyring.ts';
import { openPayload, sealPayload } from '../state/payload.ts';
import { StateTokenError } from '../state/seal.ts';
import { InvalidContextError } from './errors.ts';

const bytesOf = (a: Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function floats(value: unknown): Float32Array {
  if (!(value instanceof Uint8Array) || value.byteLength % 4 !== 0)
    throw new StateTokenError('plan context is malformed');
  return new Float32Array(new Uint8Array(value).buffer);
}

/** Seals a context for the agent. */
export function sealContext(
  agentId: string,
  version: number,
  context: PlanContext,
  keyring: Keyring,
): string {
  return sealPayload(
    'plan',
    agentId,
    {
      ver: version,
      mean: bytesOf(context.mean),
      ...(context.elites ? { elites: bytesOf(context.elites) } : {}),
    },
    keyring,
  );
}

/** Opens a context; throws InvalidContextError for a tampered, foreign or other agent's one. */
export function openContext(
  token: string,
  agentId: string,
  keyring: Keyring,
): { version: number; context: PlanContext } {
  try {
    return decodeContext(openPayload(token, 'plan', agentId, keyring));
  } catch (err) {
    if (err instanceof StateTokenError) throw new InvalidContextError(err.message);
    throw err;
  }
}

function decodeContext(p: Record<string, unknown>): { version: number; context: PlanContext } {
  if (typeof p.ver !== 'number') throw new StateTokenError('plan context is malformed');
  return {
    version: p.ver,
    context: { mean: floats(p.mean), ...(p.elites !== undefined ? { elites: floats(p.elites) } : {}) },
  };
}
