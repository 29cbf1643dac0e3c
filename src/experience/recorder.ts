/**
 * Rows collected as they happen (one env step at a time), turned into {@link Transitions} when
 * drained. Plain number lists while growing: a step appends a handful of values, and an episode's
 * length is not known in advance.
 * @module
 */
import {
  type ColumnSpec,
  columnArray,
  columnWidth,
  extraColumns,
  type TransitionSchema,
  type Transitions,
} from './columns.ts';

/** Collected rows, flat. */
export class TransitionRecorder {
  obs: number[] = [];
  action: number[] = [];
  nextObs: number[] = [];
  reward: number[] = [];
  terminated: number[] = [];
  truncated: number[] = [];
  #extra: Map<string, { spec: ColumnSpec; values: number[] }>;

  /** @param schema - declares the optional columns `push` takes in `extra` (default: none). */
  constructor(schema?: TransitionSchema) {
    this.#extra = new Map(
      extraColumns(schema ?? { columns: [] }).map((spec) => [spec.name, { spec, values: [] }]),
    );
  }

  get n(): number {
    return this.reward.length;
  }

  /** Appends one row; `extra` holds a value for every optional column of the schema. */
  push(
    obs: ArrayLike<number>,
    action: ArrayLike<number>,
    next: ArrayLike<number>,
    reward: number,
    terminated: boolean,
    truncated = false,
    extra?: Readonly<Record<string, number | ArrayLike<number>>>,
  ): void {
    // Every column is checked before any is written, so a bad row leaves the recorder as it was.
    const rows: [number[], ArrayLike<number>][] = [];
    for (const [name, { spec, values }] of this.#extra) {
      const value = extra?.[name];
      if (value === undefined) throw new Error(`a row needs its ${name} column`);
      const row = typeof value === 'number' ? [value] : value;
      if (row.length !== columnWidth(spec)) throw new Error(`${name} must hold ${columnWidth(spec)} values`);
      rows.push([values, row]);
    }
    for (const [values, row] of rows) for (let i = 0; i < row.length; i++) values.push(row[i]!);
    for (let i = 0; i < obs.length; i++) this.obs.push(obs[i]!);
    for (let i = 0; i < action.length; i++) this.action.push(action[i]!);
    for (let i = 0; i < next.length; i++) this.nextObs.push(next[i]!);
    this.reward.push(reward);
    this.terminated.push(terminated ? 1 : 0);
    this.truncated.push(truncated ? 1 : 0);
  }

  /** Marks the last row truncated (its episode is cut here), unless it terminated. */
  truncateLast(): void {
    const last = this.n - 1;
    if (last >= 0 && !this.terminated[last]) this.truncated[last] = 1;
  }

  /** The newest row as a one-row {@link Transitions} (standard columns only), leaving the recorder as it is. */
  last(): Transitions {
    const r = this.n - 1;
    if (r < 0) throw new RangeError('the recorder holds no rows');
    const obsDim = this.obs.length / this.n;
    const actionDim = this.action.length / this.n;
    return {
      n: 1,
      obs: Float32Array.from(this.obs.slice(r * obsDim, (r + 1) * obsDim)),
      action: Float32Array.from(this.action.slice(r * actionDim, (r + 1) * actionDim)),
      nextObs: Float32Array.from(this.nextObs.slice(r * obsDim, (r + 1) * obsDim)),
      reward: Float32Array.of(this.reward[r]!),
      terminated: Uint8Array.of(this.terminated[r]!),
      truncated: Uint8Array.of(this.truncated[r]!),
    };
  }

  /** The rows as typed arrays, emptying the recorder. */
  drain(): Transitions {
    const t: Transitions = {
      n: this.n,
      obs: Float32Array.from(this.obs),
      action: Float32Array.from(this.action),
      nextObs: Float32Array.from(this.nextObs),
      reward: Float32Array.from(this.reward),
      terminated: Uint8Array.from(this.terminated),
      truncated: Uint8Array.from(this.truncated),
    };
    if (this.#extra.size > 0) {
      t.extra = {};
      for (const [name, entry] of this.#extra) {
        const column = columnArray(entry.spec.dtype, entry.values.length);
        column.set(entry.values);
        t.extra[name] = column;
        entry.values = [];
      }
    }
    this.obs = [];
    this.action = [];
    this.nextObs = [];
    this.reward = [];
    this.terminated = [];
    this.truncated = [];
    return t;
  }
}
