/**
 * A fixed-capacity ring of transitions over a schema's columns, for off-policy learning: the
 * newest row overwrites the oldest once it is full. Sampling is uniform, or stratified by the
 * `task` column (every minibatch draws from every task present, so a multi-task learner never
 * trains a step on one task only). An episode index gives each row's episode bounds (hindsight
 * relabelling draws `future`/`final`/`episode` goals within them). Rows are named by their
 * position from the oldest (0) to the newest (`size - 1`). {@link ReplayBuffer.state} and
 * {@link ReplayBuffer.fromState} checkpoint and restore it exactly.
 * @module
 */
import type { Generator } from '../rng/generator.ts';
import {
  type ColumnArray,
  type ColumnSpec,
  checkSchema,
  columnArray,
  columnOf,
  columnWidth,
  emptyTransitions,
  TASK_COLUMN,
  type TransitionSchema,
  type Transitions,
} from './columns.ts';
import { checkReplayState, REPLAY_STATE_FORMAT, type ReplayBufferState } from './replay-state.ts';
import { TaskStrata } from './task-strata.ts';

/** A minibatch and the rows it came from. */
export interface ReplaySample {
  /** Row of each sampled transition (0 = the oldest in the buffer). */
  rows: Int32Array;
  batch: Transitions;
}

interface Column {
  spec: ColumnSpec;
  width: number;
  data: ColumnArray;
}

const bytesOf = (a: ColumnArray | Float64Array, length: number) =>
  new Uint8Array(a.buffer, a.byteOffset, length * a.BYTES_PER_ELEMENT).slice();

/** See the module doc. */
export class ReplayBuffer {
  readonly schema: TransitionSchema;
  readonly #columns: Column[];
  readonly #byName: Map<string, Column>;
  /** Per slot: absolute index of its episode's first row, and of its last (-1 while open). */
  readonly #episodeStart: Float64Array;
  readonly #episodeEnd: Float64Array;
  readonly #strata: TaskStrata | undefined;
  #added = 0;
  #open = -1;

  constructor(
    schema: TransitionSchema,
    readonly capacity: number,
  ) {
    if (!Number.isSafeInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
    this.schema = checkSchema(schema, 'replay buffer schema');
    this.#columns = this.schema.columns.map((spec) => {
      const width = columnWidth(spec);
      return { spec, width, data: columnArray(spec.dtype, capacity * width) };
    });
    this.#byName = new Map(this.#columns.map((c) => [c.spec.name, c]));
    this.#episodeStart = new Float64Array(capacity);
    this.#episodeEnd = new Float64Array(capacity);
    this.#strata = this.#byName.has(TASK_COLUMN) ? new TaskStrata() : undefined;
  }

  /** Rows held. */
  get size(): number {
    return Math.min(this.#added, this.capacity);
  }

  /** Rows ever added. */
  get added(): number {
    return this.#added;
  }

  /** Absolute index of row 0. */
  get #oldest(): number {
    return this.#added - this.size;
  }

  /** Appends the rows of `t` in order, evicting the oldest once full. */
  add(t: Transitions): void {
    const sources = this.#columns.map((c) => {
      const values = columnOf(t, c.spec.name);
      if (values.length !== t.n * c.width) throw new Error(`transitions: ${c.spec.name} has the wrong size`);
      return values;
    });
    const obs = this.#byName.get('observation')!;
    const nextObs = this.#byName.get('next_observation')!.data;
    const task = this.#byName.get(TASK_COLUMN)?.data;
    for (let r = 0; r < t.n; r++) {
      const abs = this.#added;
      const slot = abs % this.capacity;
      // The previous row is still in the ring (even at capacity 1: compared before overwriting).
      if (this.#open >= 0 && !this.#continues(t.obs, r, obs.width, nextObs)) this.#close(abs - 1);
      if (abs >= this.capacity && this.#strata) this.#strata.evict(task![slot]!, abs - this.capacity);
      if (this.#open < 0) this.#open = abs;
      for (let k = 0; k < this.#columns.length; k++) {
        const { width, data } = this.#columns[k]!;
        data.set(sources[k]!.subarray(r * width, (r + 1) * width), slot * width);
      }
      this.#episodeStart[slot] = this.#open;
      this.#episodeEnd[slot] = -1;
      this.#strata?.add(task![slot]!, abs);
      this.#added++;
      if (t.terminated[r] || t.truncated?.[r]) this.#close(abs);
    }
  }

  /** Whether row `r` of `obs` starts where the newest row left off (the rule of boundaries.ts). */
  #continues(obs: Float32Array, r: number, width: number, nextObs: ColumnArray): boolean {
    const last = ((this.#added - 1) % this.capacity) * width;
    for (let j = 0; j < width; j++) if (obs[r * width + j] !== nextObs[last + j]) return false;
    return true;
  }

  /** Ends the open episode at absolute row `last`. */
  #close(last: number): void {
    for (let a = Math.max(this.#open, this.#oldest); a <= last; a++)
      this.#episodeEnd[a % this.capacity] = last;
    this.#open = -1;
  }

  /** The rows `rows` (0 = oldest) as transitions. */
  gather(rows: ArrayLike<number>): Transitions {
    const out = emptyTransitions(this.schema, rows.length);
    const oldest = this.#oldest;
    for (const { spec, width, data } of this.#columns) {
      const to = columnOf(out, spec.name);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        if (!(r >= 0 && r < this.size)) throw new RangeError(`row ${r} is not in the buffer`);
        const slot = (oldest + r) % this.capacity;
        to.set(data.subarray(slot * width, (slot + 1) * width), i * width);
      }
    }
    return out;
  }

  /** `batchSize` rows drawn uniformly with replacement. */
  sample(batchSize: number, rng: Generator): ReplaySample {
    if (this.size === 0) throw new RangeError('the replay buffer is empty');
    const rows = new Int32Array(batchSize);
    for (let i = 0; i < batchSize; i++) rows[i] = rng.integers(0, this.size);
    return { rows, batch: this.gather(rows) };
  }

  /** The task indices present, ascending (empty without a `task` column). */
  tasks(): number[] {
    return this.#strata?.tasks() ?? [];
  }

  /**
   * A minibatch with rows of every task present: `batchSize / k` rows per task for `k` tasks
   * (uniform within each task, with replacement), the remainder one more row for as many tasks,
   * drawn at random. Rows come grouped by task, ascending. Throws a RangeError without a `task`
   * column or when `batchSize` is smaller than the number of tasks.
   */
  sampleStratified(batchSize: number, rng: Generator): ReplaySample {
    const strata = this.#strata;
    if (!strata) throw new RangeError('stratified sampling needs a task column');
    const tasks = strata.tasks();
    const k = tasks.length;
    if (k === 0) throw new RangeError('the replay buffer is empty');
    if (batchSize < k) throw new RangeError(`a batch of ${batchSize} cannot draw from all ${k} tasks`);
    const counts = new Array<number>(k).fill(Math.floor(batchSize / k));
    // The remainder goes to distinct tasks drawn by a partial Fisher-Yates shuffle.
    const order = tasks.map((_, i) => i);
    for (let j = 0; j < batchSize % k; j++) {
      const pick = j + rng.integers(0, k - j);
      [order[j], order[pick]] = [order[pick]!, order[j]!];
      counts[order[j]!]!++;
    }
    const rows = new Int32Array(batchSize);
    const oldest = this.#oldest;
    let i = 0;
    for (let t = 0; t < k; t++) {
      const task = tasks[t]!;
      const count = strata.count(task);
      for (let c = 0; c < counts[t]!; c++) rows[i++] = strata.row(task, rng.integers(0, count)) - oldest;
    }
    return { rows, batch: this.gather(rows) };
  }

  /**
   * First and last row (inclusive) of each row's episode, within the buffer: an episode whose
   * first rows were evicted starts at row 0, and the open episode ends at the newest row.
   */
  episodes(rows: ArrayLike<number>): { start: Int32Array; end: Int32Array } {
    const start = new Int32Array(rows.length);
    const end = new Int32Array(rows.length);
    const oldest = this.#oldest;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      if (!(r >= 0 && r < this.size)) throw new RangeError(`row ${r} is not in the buffer`);
      const slot = (oldest + r) % this.capacity;
      const last = this.#episodeEnd[slot]!;
      start[i] = Math.max(this.#episodeStart[slot]!, oldest) - oldest;
      end[i] = (last < 0 ? this.#added - 1 : last) - oldest;
    }
    return { start, end };
  }

  /** The buffer as a checkpoint (see replay-state.ts); copies, so the buffer may go on. */
  state(): ReplayBufferState {
    const size = this.size;
    return {
      format: REPLAY_STATE_FORMAT,
      schema: this.schema.columns.map((c) => ({ ...c, shape: [...c.shape] })),
      capacity: this.capacity,
      added: this.#added,
      open: this.#open,
      columns: Object.fromEntries(this.#columns.map((c) => [c.spec.name, bytesOf(c.data, size * c.width)])),
      episode_start: bytesOf(this.#episodeStart, size),
      episode_end: bytesOf(this.#episodeEnd, size),
    };
  }

  /** The buffer a {@link ReplayBuffer.state} describes (validated: it may come from disk). */
  static fromState(value: unknown): ReplayBuffer {
    const s = checkReplayState(value);
    const buffer = new ReplayBuffer({ columns: s.schema }, s.capacity);
    const size = Math.min(s.added, s.capacity);
    for (const c of buffer.#columns) {
      const bytes = s.columns[c.spec.name]!;
      new Uint8Array(c.data.buffer).set(bytes);
    }
    new Uint8Array(buffer.#episodeStart.buffer).set(s.episode_start);
    new Uint8Array(buffer.#episodeEnd.buffer).set(s.episode_end);
    buffer.#added = s.added;
    buffer.#open = s.open;
    if (buffer.#strata) {
      // Oldest to newest: the queues come back in the order they had (see task-strata.ts).
      const task = buffer.#byName.get(TASK_COLUMN)!.data;
      const oldest = s.added - size;
      for (let a = oldest; a < s.added; a++) buffer.#strata.add(task[a % s.capacity]!, a);
    }
    return buffer;
  }
}
