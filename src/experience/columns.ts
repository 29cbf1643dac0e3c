/**
 * What a transition row holds, as data: a {@link TransitionSchema} lists its columns (name, dtype,
 * per-row shape), and {@link Transitions} holds rows of them column by column. Every schema has the
 * core columns; agents declare the optional ones they need (goals, a task index, images).
 * @module
 */

/** Element type of a column. */
export type ColumnDtype = 'float32' | 'int32' | 'uint8';

/** A column's values for `n` rows, row-major. */
export type ColumnArray = Float32Array | Int32Array | Uint8Array;

/** One column: its name, element type, and the shape of one row's value (`[]` for a scalar). */
export interface ColumnSpec {
  name: string;
  dtype: ColumnDtype;
  shape: number[];
}

/** The columns of an agent's transitions, core columns first. Plain JSON. */
export interface TransitionSchema {
  columns: ColumnSpec[];
}

/**
 * Rows of transitions, column by column: `obs`/`nextObs` `[n, obsDim]`, `action` `[n, actionDim]`
 * (a Discrete action is one column, its index from 0), the rest one value per row.
 */
export interface Transitions {
  obs: Float32Array;
  action: Float32Array;
  nextObs: Float32Array;
  reward: Float32Array;
  /** 1 where the step reached a terminal state: nothing follows, no bootstrap. */
  terminated: Uint8Array;
  /**
   * 1 where the episode stopped without a terminal state (Gymnasium's TimeLimit, or a collection
   * budget cutting the episode): values bootstrap from `nextObs`. Absent: all 0, which is what
   * v1 segments and batches posted without it hold.
   */
  truncated?: Uint8Array;
  /** The optional columns of the schema, by column name. */
  extra?: Record<string, ColumnArray>;
  n: number;
}

/** The core columns' names, in schema order, with the {@link Transitions} field of each. */
export const CORE_COLUMNS = [
  ['observation', 'obs'],
  ['action', 'action'],
  ['reward', 'reward'],
  ['next_observation', 'nextObs'],
  ['terminated', 'terminated'],
  ['truncated', 'truncated'],
] as const;

/** Name of a core column. */
export type CoreColumn = (typeof CORE_COLUMNS)[number][0];

const CORE_FIELD: Record<string, keyof Transitions> = Object.fromEntries(CORE_COLUMNS);

/**
 * Optional columns with a fixed meaning. `achieved_goal` is the goal the step achieved (that of
 * `next_observation`): rewards are computed from it, and hindsight goals are drawn from it.
 * `task` is the index of the row's task (int32, scalar): an index, not a one-hot row, so that
 * strata are keyed by it directly and it stays one value wide whatever the number of tasks;
 * models one-hot encode it when they need to.
 */
export const GOAL_COLUMNS = ['achieved_goal', 'desired_goal'] as const;

/** Name of the task-index column. */
export const TASK_COLUMN = 'task';

/** Bytes per element of a dtype. */
export function dtypeBytes(dtype: ColumnDtype): number {
  return dtype === 'uint8' ? 1 : 4;
}

/** Values per row of a column (the product of its shape). */
export function columnWidth(spec: ColumnSpec): number {
  return spec.shape.reduce((a, b) => a * b, 1);
}

/** An empty array of `n` values of `dtype`. */
export function columnArray(dtype: ColumnDtype, n: number): ColumnArray {
  if (dtype === 'float32') return new Float32Array(n);
  return dtype === 'int32' ? new Int32Array(n) : new Uint8Array(n);
}

/** Whether a column is one of the core six. */
export function isCoreColumn(name: string): name is CoreColumn {
  return name in CORE_FIELD;
}

/** Options of {@link transitionSchema}. */
export interface SchemaOptions {
  obsDim: number;
  /** Width of an action row (1 for Discrete). */
  actionDim: number;
  /** Adds `achieved_goal` and `desired_goal`, this wide. */
  goalDim?: number;
  /** Adds the `task` index column. */
  task?: boolean;
  /** uint8 image columns (e.g. `image` and `next_image`, shape `[height, width, channels]`). */
  images?: readonly { name: string; shape: readonly number[] }[];
}

/** The schema with the core columns and the optional ones asked for, in canonical order. */
export function transitionSchema(options: SchemaOptions): TransitionSchema {
  const { obsDim, actionDim } = options;
  const columns: ColumnSpec[] = [
    { name: 'observation', dtype: 'float32', shape: [obsDim] },
    { name: 'action', dtype: 'float32', shape: [actionDim] },
    { name: 'reward', dtype: 'float32', shape: [] },
    { name: 'next_observation', dtype: 'float32', shape: [obsDim] },
    { name: 'terminated', dtype: 'uint8', shape: [] },
    { name: 'truncated', dtype: 'uint8', shape: [] },
  ];
  if (options.goalDim !== undefined) {
    for (const name of GOAL_COLUMNS) columns.push({ name, dtype: 'float32', shape: [options.goalDim] });
  }
  if (options.task) columns.push({ name: TASK_COLUMN, dtype: 'int32', shape: [] });
  for (const image of options.images ?? [])
    columns.push({ name: image.name, dtype: 'uint8', shape: [...image.shape] });
  return checkSchema({ columns }, 'schema');
}

/** The observation and action widths of a schema. */
export function schemaDims(schema: TransitionSchema): { obsDim: number; actionDim: number } {
  const width = (name: string) => columnWidth(schema.columns.find((c) => c.name === name)!);
  return { obsDim: width('observation'), actionDim: width('action') };
}

/** The optional (non-core) columns of a schema. */
export function extraColumns(schema: TransitionSchema): ColumnSpec[] {
  return schema.columns.filter((c) => !isCoreColumn(c.name));
}

/** Whether two schemas have the same columns (name, dtype and shape; order aside). */
export function sameSchema(a: TransitionSchema, b: TransitionSchema): boolean {
  if (a.columns.length !== b.columns.length) return false;
  const key = (c: ColumnSpec) => `${c.name}:${c.dtype}:${c.shape.join('x')}`;
  const keys = new Set(a.columns.map(key));
  return b.columns.every((c) => keys.has(key(c)));
}

/** A schema as one string (a cache key). */
export function schemaKey(schema: TransitionSchema): string {
  return schema.columns.map((c) => `${c.name}:${c.dtype}:${c.shape.join('x')}`).join(',');
}

const NAME = /^[a-z][a-z0-9_]{0,63}$/;
const MAX_COLUMNS = 64;
/** Per-row width cap: far above a 256 x 256 x 4 image, far below what a bad header could ask for. */
const MAX_WIDTH = 1 << 24;

/**
 * Checks a schema (from a segment, a checkpoint or a family) and returns it as a fresh plain
 * object. Throws an Error naming `what` when a column is malformed, a core column is missing or has
 * the wrong type, or an optional column breaks its fixed meaning (goals float32 `[g]` of one
 * width, `task` int32 scalar, any other column uint8).
 */
export function checkSchema(value: unknown, what: string): TransitionSchema {
  const fail = (why: string): never => {
    throw new Error(`${what}: ${why}`);
  };
  const raw = (value as { columns?: unknown } | null)?.columns;
  if (!Array.isArray(raw) || raw.length > MAX_COLUMNS) fail(`needs a list of at most ${MAX_COLUMNS} columns`);
  const columns: ColumnSpec[] = [];
  const seen = new Set<string>();
  for (const c of raw as unknown[]) {
    const { name, dtype, shape } = (c ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || !NAME.test(name)) fail(`bad column name ${JSON.stringify(name)}`);
    const n = name as string;
    if (seen.has(n)) fail(`column ${n} appears twice`);
    seen.add(n);
    if (dtype !== 'float32' && dtype !== 'int32' && dtype !== 'uint8') fail(`column ${n} has a bad dtype`);
    if (!Array.isArray(shape) || shape.length > 4 || !shape.every((d) => Number.isSafeInteger(d) && d >= 1)) {
      fail(`column ${n} has a bad shape`);
    }
    const spec: ColumnSpec = { name: n, dtype: dtype as ColumnDtype, shape: [...(shape as number[])] };
    if (columnWidth(spec) > MAX_WIDTH) fail(`column ${n} is too wide`);
    columns.push(spec);
  }
  const get = (name: string) => columns.find((c) => c.name === name);
  const expect = (name: string, dtype: ColumnDtype, rank: number) => {
    const c = get(name);
    if (!c) return fail(`the ${name} column is missing`);
    if (c.dtype !== dtype || c.shape.length !== rank)
      fail(`${name} must be ${dtype} with ${rank} dimension(s)`);
    return c;
  };
  const obs = expect('observation', 'float32', 1);
  if (columnWidth(expect('next_observation', 'float32', 1)) !== columnWidth(obs)) {
    fail('observation and next_observation differ in width');
  }
  expect('action', 'float32', 1);
  expect('reward', 'float32', 0);
  expect('terminated', 'uint8', 0);
  expect('truncated', 'uint8', 0);
  const goals = GOAL_COLUMNS.map((g) => get(g));
  if (goals.some(Boolean)) {
    const [a, d] = GOAL_COLUMNS.map((g) => expect(g, 'float32', 1));
    if (columnWidth(a!) !== columnWidth(d!)) fail('achieved_goal and desired_goal differ in width');
  }
  if (get(TASK_COLUMN)) expect(TASK_COLUMN, 'int32', 0);
  for (const c of columns) {
    const known =
      isCoreColumn(c.name) || c.name === TASK_COLUMN || (GOAL_COLUMNS as readonly string[]).includes(c.name);
    if (!known && c.dtype !== 'uint8') fail(`column ${c.name} must be uint8 (an image column)`);
  }
  return { columns };
}

/** A column of `t` by schema name (`truncated` as zeros when absent); throws for a missing optional one. */
export function columnOf(t: Transitions, name: string): ColumnArray {
  const field = CORE_FIELD[name];
  if (field === 'truncated') return t.truncated ?? new Uint8Array(t.n);
  if (field) return t[field] as ColumnArray;
  const column = t.extra?.[name];
  if (!column) throw new Error(`transitions have no ${name} column`);
  return column;
}

/** Transitions with every column of `schema` allocated for `n` rows (zeros). */
export function emptyTransitions(schema: TransitionSchema, n: number): Transitions {
  const { obsDim, actionDim } = schemaDims(schema);
  const t: Transitions = {
    n,
    obs: new Float32Array(n * obsDim),
    action: new Float32Array(n * actionDim),
    nextObs: new Float32Array(n * obsDim),
    reward: new Float32Array(n),
    terminated: new Uint8Array(n),
    truncated: new Uint8Array(n),
  };
  const extra = extraColumns(schema);
  if (extra.length > 0) {
    t.extra = Object.fromEntries(extra.map((c) => [c.name, columnArray(c.dtype, n * columnWidth(c))]));
  }
  return t;
}
