import { describe, expect, it } from 'vitest';
import { formatOneSegment } from '../../test/helpers/segments.ts';
import { packMsgpack, unpackMsgpack } from '../wire/msgpack.ts';
import { type Transitions, transitionSchema } from './columns.ts';
import { decodeSegment, encodeSegment, SEGMENT_FORMAT } from './segments.ts';

const rows = (n: number): Transitions => ({
  n,
  obs: Float32Array.from({ length: n * 2 }, (_, i) => i / 3),
  action: Float32Array.from({ length: n }, (_, i) => -i),
  nextObs: Float32Array.from({ length: n * 2 }, (_, i) => (i + 2) / 3),
  reward: Float32Array.from({ length: n }, (_, i) => i * 0.1),
  terminated: Uint8Array.from({ length: n }, (_, i) => (i === n - 1 ? 1 : 0)),
});

describe('transition segments', () => {
  it('reads format 1 segments back, truncated 0', () => {
    const t = rows(3);
    const back = decodeSegment(formatOneSegment(t, 2, 1), 2, 1);
    expect(back).toEqual({ ...t, truncated: new Uint8Array(3) });
    // The same through a schema argument.
    expect(decodeSegment(formatOneSegment(t, 2, 1), transitionSchema({ obsDim: 2, actionDim: 1 }))).toEqual(
      back,
    );
  });

  it('writes format 2: the schema and one bin per column', () => {
    const t = { ...rows(3), truncated: Uint8Array.of(0, 1, 0) };
    const s = unpackMsgpack(encodeSegment(t, 2, 1)) as Record<string, unknown>;
    expect(s.format).toBe(SEGMENT_FORMAT);
    expect(s.n).toBe(3);
    expect((s.schema as { name: string }[]).map((c) => c.name)).toEqual([
      'observation',
      'action',
      'reward',
      'next_observation',
      'terminated',
      'truncated',
    ]);
    const columns = s.columns as Record<string, Uint8Array>;
    expect([...new Uint8Array(columns.truncated!)]).toEqual([0, 1, 0]);
    expect([...new Float32Array(new Uint8Array(columns.reward!).buffer)]).toEqual([...t.reward]);
  });

  it('round-trips format 2 with optional columns', () => {
    const schema = transitionSchema({
      obsDim: 2,
      actionDim: 1,
      goalDim: 3,
      task: true,
      images: [{ name: 'image', shape: [2, 2, 3] }],
    });
    const t: Transitions = {
      ...rows(4),
      truncated: Uint8Array.of(1, 0, 0, 0),
      extra: {
        achieved_goal: Float32Array.from({ length: 12 }, (_, i) => i * 1.5),
        desired_goal: Float32Array.from({ length: 12 }, (_, i) => -i),
        task: Int32Array.of(0, 3, 3, 7),
        image: Uint8Array.from({ length: 48 }, (_, i) => (i * 37) % 256),
      },
    };
    const back = decodeSegment(encodeSegment(t, schema), schema);
    expect(back).toEqual(t);
    expect(back.extra!.task).toBeInstanceOf(Int32Array);
  });

  it('writes truncated as zeros when the rows have none', () => {
    expect(decodeSegment(encodeSegment(rows(2), 2, 1), 2, 1).truncated).toEqual(new Uint8Array(2));
  });

  it('refuses segments that do not match the agent, and malformed ones', () => {
    const t = rows(3);
    const goals = transitionSchema({ obsDim: 2, actionDim: 1, goalDim: 1 });
    expect(() => decodeSegment(encodeSegment(t, 2, 1), 3, 1)).toThrow(/does not match/);
    expect(() => decodeSegment(encodeSegment(t, 2, 1), goals)).toThrow(/does not match/);
    expect(() => decodeSegment(formatOneSegment(t, 2, 1), 2, 2)).toThrow(/does not match/);
    expect(() => decodeSegment(formatOneSegment(t, 2, 1), goals)).toThrow(/has no achieved_goal/);
    const good = unpackMsgpack(encodeSegment(t, 2, 1)) as Record<string, unknown>;
    const columns = good.columns as Record<string, Uint8Array>;
    const bad = (patch: Record<string, unknown>) => packMsgpack({ ...good, ...patch });
    expect(() => decodeSegment(bad({ n: 4 }), 2, 1)).toThrow(/wrong size/);
    expect(() => decodeSegment(bad({ n: 2 ** 40 }), 2, 1)).toThrow(/wrong size/);
    expect(() => decodeSegment(bad({ n: -1 }), 2, 1)).toThrow(/row count/);
    expect(() => decodeSegment(bad({ format: 3 }), 2, 1)).toThrow(/unknown format 3/);
    expect(() => decodeSegment(bad({ columns: { ...columns, reward: undefined } }), 2, 1)).toThrow(
      /reward has the wrong size/,
    );
    expect(() => decodeSegment(bad({ schema: [{ name: 'observation' }] }), 2, 1)).toThrow(/dtype/);
    expect(() => decodeSegment(packMsgpack([1, 2]), 2, 1)).toThrow(/not a map/);
    expect(() => decodeSegment(Uint8Array.of(0xc1), 2, 1)).toThrow();
  });
});
