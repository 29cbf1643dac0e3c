import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test/helpers/store.ts';
import { openStore } from '../store/index.ts';
import { packMsgpack } from '../wire/msgpack.ts';
import { TransitionReader, transitionStream } from './reader.ts';
import { encodeSegment } from './segments.ts';

const dir = useTempDir();
const f32 = (...v: number[]) => Float32Array.from(v);
const bytes = (a: Float32Array | Uint8Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe('transition reader', () => {
  it('reads format 1 and format 2 segments of one agent as one set, reading only new segments', async () => {
    const store = openStore(dir());
    const stream = transitionStream('ag-1');
    // What the store held before `truncated`: a format 1 segment.
    await store.appendSegment(
      stream,
      packMsgpack({
        n: 2,
        obs_dim: 1,
        action_dim: 1,
        obs: bytes(f32(0, 1)),
        action: bytes(f32(0.5, -0.5)),
        next_obs: bytes(f32(1, 2)),
        reward: bytes(f32(1, 1)),
        terminated: bytes(Uint8Array.of(0, 1)),
      }),
    );
    const reader = new TransitionReader(store);
    expect(await reader.count('ag-1', 1, 1)).toBe(2);
    const row = {
      n: 1,
      obs: f32(5),
      action: f32(0),
      nextObs: f32(6),
      reward: f32(2),
      terminated: Uint8Array.of(0),
    };
    await store.appendSegment(stream, encodeSegment({ ...row, truncated: Uint8Array.of(1) }, 1, 1));
    const t = await reader.load('ag-1', 1, 1);
    expect(t.n).toBe(3);
    expect([...t.obs]).toEqual([0, 1, 5]);
    expect([...t.terminated]).toEqual([0, 1, 0]);
    expect([...t.truncated!]).toEqual([0, 0, 1]);
    reader.forget('ag-1');
    expect(await reader.count('ag-1', 1, 1)).toBe(3);
  });
});
