/**
 * Transition segments: the bytes of one appended batch of rows. Format 2 is a msgpack map
 * `{format: 2, n, schema: [{name, dtype, shape}], columns: {<name>: bin}}`, one little-endian
 * `bin` per column of the schema; format 1 (before `truncated`; no `format` key) is
 * `{n, obs_dim, action_dim, obs, action, next_obs, reward, terminated}` and is still read, its
 * rows' `truncated` 0. Both decode from untrusted bytes (imports) without trusting their header.
 * @module
 */
import { packMsgpack, unpackMsgpack } from '../wire/msgpack.ts';
import {
  type ColumnArray,
  type ColumnDtype,
  checkSchema,
  columnOf,
  columnWidth,
  dtypeBytes,
  extraColumns,
  sameSchema,
  schemaDims,
  type TransitionSchema,
  type Transitions,
} from './columns.ts';
import { type SchemaArg, schemaOf } from './concat.ts';

/** The format {@link encodeSegment} writes. */
export const SEGMENT_FORMAT = 2;

/** Little-endian on every platform we run on, as typed arrays are. */
const bytesOf = (a: ColumnArray) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * One segment's bytes, in format 2. Takes the schema, or `(obsDim, actionDim)` for the core
 * columns only; `truncated` absent from `t` is written as zeros.
 */
export function encodeSegment(t: Transitions, schemaOrObsDim: SchemaArg, actionDim?: number): Uint8Array {
  const schema = schemaOf(schemaOrObsDim, actionDim);
  const columns: Record<string, Uint8Array> = {};
  for (const c of schema.columns) {
    const values = columnOf(t, c.name);
    if (values.length !== t.n * columnWidth(c)) throw new Error(`transitions: ${c.name} has the wrong size`);
    columns[c.name] = bytesOf(values);
  }
  return packMsgpack({ format: SEGMENT_FORMAT, n: t.n, schema: schema.columns, columns });
}

/** A column from segment bytes, copied (msgpack bytes may be an unaligned view of a pool). */
function column(bytes: unknown, dtype: ColumnDtype, length: number, what: string): ColumnArray {
  if (!(bytes instanceof Uint8Array) || bytes.byteLength !== length * dtypeBytes(dtype)) {
    throw new Error(`transition segment: ${what} has the wrong size`);
  }
  const copy = new Uint8Array(bytes).buffer;
  if (dtype === 'float32') return new Float32Array(copy);
  return dtype === 'int32' ? new Int32Array(copy) : new Uint8Array(copy);
}

function decodeV1(s: Record<string, unknown>, schema: TransitionSchema): Transitions {
  const { obsDim, actionDim } = schemaDims(schema);
  const n = s.n as number;
  if (!Number.isSafeInteger(n) || n < 0 || s.obs_dim !== obsDim || s.action_dim !== actionDim) {
    throw new Error('transition segment does not match the agent');
  }
  const missing = extraColumns(schema)[0];
  if (missing) throw new Error(`transition segment: a format 1 segment has no ${missing.name} column`);
  return {
    n,
    obs: column(s.obs, 'float32', n * obsDim, 'obs') as Float32Array,
    action: column(s.action, 'float32', n * actionDim, 'action') as Float32Array,
    nextObs: column(s.next_obs, 'float32', n * obsDim, 'next_obs') as Float32Array,
    reward: column(s.reward, 'float32', n, 'reward') as Float32Array,
    terminated: column(s.terminated, 'uint8', n, 'terminated') as Uint8Array,
    truncated: new Uint8Array(n),
  };
}

function decodeV2(s: Record<string, unknown>, schema: TransitionSchema): Transitions {
  const n = s.n;
  if (!Number.isSafeInteger(n) || (n as number) < 0) throw new Error('transition segment: bad row count');
  const own = checkSchema({ columns: s.schema }, 'transition segment schema');
  if (!sameSchema(own, schema)) throw new Error('transition segment does not match the agent');
  const columns = s.columns as Record<string, unknown> | null;
  if (typeof columns !== 'object' || columns === null) throw new Error('transition segment: no columns');
  const rows = n as number;
  // Nothing is allocated before a column's size checks out: `n` is untrusted.
  const by = new Map<string, ColumnArray>();
  for (const c of schema.columns) {
    const bytes = Object.hasOwn(columns, c.name) ? columns[c.name] : undefined;
    by.set(c.name, column(bytes, c.dtype, rows * columnWidth(c), c.name));
  }
  const t: Transitions = {
    n: rows,
    obs: by.get('observation') as Float32Array,
    action: by.get('action') as Float32Array,
    nextObs: by.get('next_observation') as Float32Array,
    reward: by.get('reward') as Float32Array,
    terminated: by.get('terminated') as Uint8Array,
    truncated: by.get('truncated') as Uint8Array,
  };
  const extra = extraColumns(schema);
  if (extra.length > 0) t.extra = Object.fromEntries(extra.map((c) => [c.name, by.get(c.name)!]));
  return t;
}

/**
 * Decodes a segment of either format against the agent's schema (or `(obsDim, actionDim)` for
 * the core columns only). Throws an Error for malformed bytes, an unknown format, or a segment
 * whose columns differ from the schema's.
 */
export function decodeSegment(bytes: Uint8Array, schemaOrObsDim: SchemaArg, actionDim?: number): Transitions {
  const schema = schemaOf(schemaOrObsDim, actionDim);
  const s = unpackMsgpack(bytes) as Record<string, unknown> | null;
  if (typeof s !== 'object' || s === null || Array.isArray(s))
    throw new Error('transition segment is not a map');
  if (s.format === undefined) return decodeV1(s, schema);
  if (s.format === SEGMENT_FORMAT) return decodeV2(s, schema);
  throw new Error(`transition segment: unknown format ${JSON.stringify(s.format)}`);
}
