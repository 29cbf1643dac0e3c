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

  it('counts what is stored under concurrent appends and reads (each segment once)', async () => {
    const store = openStore(dir());
    const stream = transitionStream('ag-2');
    const row = (v: number) => ({
      n: 2,
      obs: f32(v, v),
      action: f32(0, 0),
      nextObs: f32(v, v),
      reward: f32(0, 0),
      terminated: Uint8Array.of(0, 0),
    });
    const reader = new TransitionReader(store);
    // Four writers append 10 segments each while readers count: no row is counted twice.
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let k = 0; k < 10; k++) {
        await store.appendSegment(stream, encodeSegment(row(w * 10 + k), 1, 1));
        await Promise.all([reader.count('ag-2', 1, 1), reader.count('ag-2', 1, 1)]);
      }
    });
    await Promise.all(writers);
    const counts = await Promise.all(Array.from({ length: 5 }, () => reader.count('ag-2', 1, 1)));
    expect(counts).toEqual([80, 80, 80, 80, 80]);
    expect((await reader.load('ag-2', 1, 1)).n).toBe(80);
  });

  it('reads a segment that became visible after a later one (another process still writing it)', async () => {
    const store = openStore(dir());
    const stream = transitionStream('ag-3');
    const one = {
      n: 1,
      obs: f32(1),
      action: f32(0),
      nextObs: f32(1),
      reward: f32(0),
      terminated: Uint8Array.of(0),
    };
    for (let k = 0; k < 3; k++) await store.appendSegment(stream, encodeSegment(one, 1, 1));
    let hide = true;
    // The store as another process's half-done append shows it: segment 2 not listed yet.
    const lagging = new Proxy(store, {
      get(target, prop) {
        if (prop === 'listSegments')
          return async (s: string, o?: { after?: number }) =>
            (await target.listSegments(s, o)).filter((seq) => !(hide && seq === 2));
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const reader = new TransitionReader(lagging);
    expect(await reader.count('ag-3', 1, 1)).toBe(2);
    hide = false;
    expect(await reader.count('ag-3', 1, 1)).toBe(3);
  });
});
