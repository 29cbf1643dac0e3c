/**
 * Transition segments as format 1 wrote them (before `truncated` and schemas), so tests can
 * check that today's reader still reads what older servers stored.
 * @module
 */
import type { Transitions } from '../../src/experience/columns.ts';
import { packMsgpack } from '../../src/wire/msgpack.ts';

const bytes = (a: Float32Array | Uint8Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** The core columns of `t` as one format-1 segment. */
export function formatOneSegment(t: Transitions, obsDim: number, actionDim: number): Uint8Array {
  return packMsgpack({
    n: t.n,
    obs_dim: obsDim,
    action_dim: actionDim,
    obs: bytes(t.obs),
    action: bytes(t.action),
    next_obs: bytes(t.nextObs),
    reward: bytes(t.reward),
    terminated: bytes(t.terminated),
  });
}
