import { describe, expect, it } from 'vitest';
import { Generator } from '../rng/generator.ts';
import { columnOf, type Transitions, transitionSchema } from './columns.ts';
import { ReplayBuffer } from './replay-buffer.ts';
import { decodeReplayState, encodeReplayState } from './replay-state.ts';

const schema = transitionSchema({ obsDim: 1, actionDim: 1, task: true });

/**
 * Episodes of `length` steps each, one per task in turn; observation k of an episode is
 * `100 * episode + k`, so consecutive rows continue each other within an episode.
 */
function episodes(count: number, length: number, tasks: number, first = 0): Transitions {
  const n = count * length;
  const obs = new Float32Array(n);
  const nextObs = new Float32Array(n);
  const truncated = new Uint8Array(n);
  const task = new Int32Array(n);
  for (let e = 0; e < count; e++) {
    for (let k = 0; k < length; k++) {
      const i = e * length + k;
      obs[i] = 100 * (first + e) + k;
      nextObs[i] = obs[i]! + 1;
      task[i] = (first + e) % tasks;
    }
    truncated[(e + 1) * length - 1] = 1;
  }
  return {
    n,
    obs,
    nextObs,
    action: new Float32Array(n),
    reward: Float32Array.from(obs, (o) => o / 10),
    terminated: new Uint8Array(n),
    truncated,
    extra: { task },
  };
}

describe('replay buffer', () => {
  it('keeps the newest rows once full, oldest first', () => {
    const buffer = new ReplayBuffer(schema, 5);
    buffer.add(episodes(2, 4, 1));
    expect([buffer.size, buffer.added]).toEqual([5, 8]);
    expect([...buffer.gather([0, 1, 2, 3, 4]).obs]).toEqual([3, 100, 101, 102, 103]);
  });

  it('samples uniformly with the seeded generator', () => {
    const buffer = new ReplayBuffer(schema, 100);
    buffer.add(episodes(10, 10, 1));
    const { rows, batch } = buffer.sample(20_000, Generator.fromSeed(1));
    const counts = new Array(100).fill(0);
    for (const r of rows) counts[r]++;
    // 200 expected per row: a uniform draw stays well within +-30% here.
    expect(Math.min(...counts)).toBeGreaterThan(140);
    expect(Math.max(...counts)).toBeLessThan(260);
    expect(batch.obs[0]).toBe(buffer.gather([rows[0]!]).obs[0]);
    // Same seed, same draws.
    expect(buffer.sample(50, Generator.fromSeed(1)).rows).toEqual(rows.subarray(0, 50));
  });

  it('stratified minibatches draw from every task present, in equal shares', () => {
    const buffer = new ReplayBuffer(schema, 1000);
    // Task 2 has 3 rows in all, the others hundreds: uniform draws of 8 would often miss it.
    buffer.add(episodes(30, 10, 2));
    const rare = episodes(1, 3, 3, 2);
    buffer.add(rare);
    expect(buffer.tasks()).toEqual([0, 1, 2]);
    const rng = Generator.fromSeed(7);
    for (let k = 0; k < 200; k++) {
      const { rows, batch } = buffer.sampleStratified(8, rng);
      const tasks = [...columnOf(batch, 'task')];
      const per = [0, 1, 2].map((t) => tasks.filter((x) => x === t).length);
      expect(per.every((c) => c === 2 || c === 3)).toBe(true);
      expect(per.reduce((a, b) => a + b, 0)).toBe(8);
      // Grouped by task, each row really of its task.
      expect(tasks).toEqual([...tasks].sort());
      expect([...buffer.gather(rows).obs]).toEqual([...batch.obs]);
    }
    expect(() => buffer.sampleStratified(2, rng)).toThrow(/all 3 tasks/);
    expect(() =>
      new ReplayBuffer(transitionSchema({ obsDim: 1, actionDim: 1 }), 4).sampleStratified(4, rng),
    ).toThrow(/task column/);
  });

  it('evicted rows leave their task', () => {
    const buffer = new ReplayBuffer(schema, 10);
    buffer.add(episodes(3, 5, 3));
    // 15 rows into 10 slots: episode 0 (task 0) is gone.
    expect(buffer.tasks()).toEqual([1, 2]);
  });

  it('indexes episodes: terminated or truncated rows, and rows that do not continue the last', () => {
    const buffer = new ReplayBuffer(schema, 8);
    buffer.add(episodes(2, 3, 1));
    // Two rows that start a new stretch without any flag (a reset the data did not mark).
    const open = episodes(1, 2, 1, 5);
    open.truncated!.fill(0);
    buffer.add(open);
    expect(buffer.episodes([0, 1, 2, 3, 4, 5, 6, 7].slice(0, buffer.size))).toEqual({
      start: Int32Array.of(0, 0, 0, 3, 3, 3, 6, 6),
      end: Int32Array.of(2, 2, 2, 5, 5, 5, 7, 7),
    });
    // Two more rows: the first episode's first two rows are evicted, and the open one grows.
    const more = episodes(1, 2, 1, 5);
    more.obs.set([502, 503]);
    more.nextObs.set([503, 504]);
    more.truncated!.fill(0);
    buffer.add(more);
    expect(buffer.episodes([0, 1, 4, 7])).toEqual({
      start: Int32Array.of(0, 1, 4, 4),
      end: Int32Array.of(0, 3, 7, 7),
    });
    // A row that does not start where the open episode left off closes it.
    const jump = episodes(1, 1, 1, 9);
    jump.truncated!.fill(0);
    buffer.add(jump);
    expect(buffer.episodes([3, 6, 7])).toEqual({
      start: Int32Array.of(3, 3, 7),
      end: Int32Array.of(6, 6, 7),
    });
  });

  it('restores from its state exactly: same contents, same samples after it', () => {
    const buffer = new ReplayBuffer(schema, 37);
    buffer.add(episodes(9, 6, 4));
    const rng = Generator.fromSeed(3);
    buffer.sampleStratified(16, rng);
    const saved = encodeReplayState(buffer.state());
    const savedRng = rng.getState();
    const restored = ReplayBuffer.fromState(decodeReplayState(saved));
    const rng2 = Generator.fromState(savedRng);
    expect([restored.size, restored.added, restored.tasks()]).toEqual([
      buffer.size,
      buffer.added,
      buffer.tasks(),
    ]);
    // Both go on alike: adds (evicting rows), stratified and uniform samples, episode bounds.
    for (const b of [buffer, restored]) b.add(episodes(2, 6, 4, 9));
    for (let k = 0; k < 5; k++) {
      const a = buffer.sampleStratified(16, rng);
      const b = restored.sampleStratified(16, rng2);
      expect(b).toEqual(a);
      expect(restored.sample(32, rng2)).toEqual(buffer.sample(32, rng));
      expect(restored.episodes(a.rows)).toEqual(buffer.episodes(a.rows));
    }
    expect(restored.state()).toEqual(buffer.state());
  });

  it('refuses a state that does not hold together', () => {
    const state = new ReplayBuffer(schema, 4).state();
    expect(() => ReplayBuffer.fromState({ ...state, added: 3 })).toThrow(/open episode|wrong size/);
    expect(() => ReplayBuffer.fromState({ ...state, format: 9 })).toThrow(/unknown format/);
    expect(() => ReplayBuffer.fromState({ ...state, capacity: 0 })).toThrow(/capacity/);
  });
});
