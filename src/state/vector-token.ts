import type { AutoresetMode, VectorState } from '../envs/vector.ts';
import { PACKED_RNG_BYTES } from '../rng/generator.ts';
import type { Keyring } from './keyring.ts';
import { isRecord, openPayload, sealPayload } from './payload.ts';
import { StateTokenError } from './seal.ts';

const modes: readonly AutoresetMode[] = ['next_step', 'same_step', 'disabled'];

function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Copies `bytes` into a fresh, aligned buffer of `count` elements of a typed array type. */
function typed<T extends Float64Array | Uint32Array>(
  bytes: unknown,
  Kind: { new (n: number): T; BYTES_PER_ELEMENT: number },
  count: number,
): T {
  if (!(bytes instanceof Uint8Array) || bytes.byteLength !== count * Kind.BYTES_PER_ELEMENT) {
    throw new StateTokenError('vector state token payload is malformed');
  }
  const out = new Kind(count);
  bytesOf(out).set(bytes);
  return out;
}

/**
 * Seals a vector batch. Arrays travel as raw little-endian bytes (msgpack bin), so a token for
 * 1024 CartPoles is about 100 KB and costs microseconds to pack.
 */
export function encodeVectorToken(state: VectorState, keyring: Keyring): string {
  const body: Record<string, unknown> = {
    kw: state.kwargs,
    m: state.mode,
    n: state.numEnvs,
    dim: state.dim,
    s: bytesOf(state.physical),
    r: state.rng,
    t: bytesOf(state.steps),
    f: state.status,
  };
  if (state.tasks)
    Object.assign(body, {
      tk: state.tasks,
      tf: state.fixedTask ?? false,
      rv: state.reveal ?? false,
      ...(state.chosen ? { ch: true } : {}),
    });
  return sealPayload('vector', state.env, body, keyring);
}

/** Opens a vector token for `envId`; throws {@link StateTokenError} when it is not one. */
export function decodeVectorToken(token: string, envId: string, keyring: Keyring): VectorState {
  const { kw, m, n, dim, s, r, t, f, tk, tf, rv, ch } = openPayload(token, 'vector', envId, keyring);
  const validCounts =
    Number.isSafeInteger(n) && (n as number) > 0 && Number.isSafeInteger(dim) && (dim as number) >= 0;
  if (!isRecord(kw) || !modes.includes(m as AutoresetMode) || !validCounts) {
    throw new StateTokenError('vector state token payload is malformed');
  }
  const numEnvs = n as number;
  if (!(r instanceof Uint8Array) || r.byteLength !== numEnvs * PACKED_RNG_BYTES) {
    throw new StateTokenError('vector state token payload is malformed');
  }
  if (!(f instanceof Uint8Array) || f.byteLength !== numEnvs) {
    throw new StateTokenError('vector state token payload is malformed');
  }
  if (tk !== undefined && (!Array.isArray(tk) || tk.length !== numEnvs || !tk.every(isRecord))) {
    throw new StateTokenError('vector state token payload is malformed');
  }
  return {
    ...(tk === undefined
      ? {}
      : {
          tasks: tk as Record<string, unknown>[],
          fixedTask: tf === true,
          reveal: rv === true,
          ...(ch === true ? { chosen: true } : {}),
        }),
    env: envId,
    kwargs: kw,
    mode: m as AutoresetMode,
    numEnvs,
    dim: dim as number,
    physical: typed(s, Float64Array, numEnvs * (dim as number)),
    rng: r.slice(),
    steps: typed(t, Uint32Array, numEnvs),
    status: f.slice(),
  };
}
