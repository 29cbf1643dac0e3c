/**
 * A replay buffer's checkpoint as plain data (msgpack-ready: numbers, strings, `Uint8Array`s):
 * its schema, capacity, how many rows were ever added, the open episode, and the filled slots
 * of every column and of the episode index. Restoring it gives a buffer that holds, indexes and
 * samples exactly as the saved one did.
 * @module
 */
import { packMsgpack, unpackMsgpack } from '../wire/msgpack.ts';
import { type ColumnSpec, checkSchema, columnWidth, dtypeBytes } from './columns.ts';

/** The format {@link ReplayBufferState} has. */
export const REPLAY_STATE_FORMAT = 1;

/** See the module doc. Slots `[0, size)` are stored, `size = min(added, capacity)`. */
export interface ReplayBufferState {
  format: typeof REPLAY_STATE_FORMAT;
  schema: ColumnSpec[];
  capacity: number;
  /** Rows ever added; the next row goes to slot `added % capacity`. */
  added: number;
  /** Absolute index of the open episode's first row, or -1 when the last row ended one. */
  open: number;
  /** Each column's bytes for the stored slots. */
  columns: Record<string, Uint8Array>;
  /** float64 bytes per slot: absolute index of the first row of the slot's episode. */
  episode_start: Uint8Array;
  /** float64 bytes per slot: absolute index of its episode's last row, -1 while it is open. */
  episode_end: Uint8Array;
}

/** The largest capacity a checkpoint may declare (rows). */
export const MAX_REPLAY_CAPACITY = 1 << 26;

/** Validates a decoded checkpoint (untrusted shape); throws an Error saying what is wrong. */
export function checkReplayState(value: unknown): ReplayBufferState {
  const s = value as Record<string, unknown> | null;
  const fail = (why: string): never => {
    throw new Error(`replay buffer state: ${why}`);
  };
  if (typeof s !== 'object' || s === null) return fail('not a map');
  if (s.format !== REPLAY_STATE_FORMAT) fail(`unknown format ${JSON.stringify(s.format)}`);
  const schema = checkSchema({ columns: s.schema }, 'replay buffer state schema');
  const { capacity, added, open } = s;
  if (
    !Number.isSafeInteger(capacity) ||
    (capacity as number) < 1 ||
    (capacity as number) > MAX_REPLAY_CAPACITY
  ) {
    fail('bad capacity');
  }
  if (!Number.isSafeInteger(added) || (added as number) < 0) fail('bad row count');
  if (!Number.isSafeInteger(open) || (open as number) < -1 || (open as number) >= (added as number)) {
    fail('bad open episode');
  }
  const size = Math.min(added as number, capacity as number);
  const bytes = (v: unknown, length: number, what: string) => {
    if (!(v instanceof Uint8Array) || v.byteLength !== length) fail(`${what} has the wrong size`);
    return v as Uint8Array;
  };
  const columns = (s.columns ?? {}) as Record<string, unknown>;
  const out: Record<string, Uint8Array> = {};
  for (const c of schema.columns) {
    const v = Object.hasOwn(columns, c.name) ? columns[c.name] : undefined;
    out[c.name] = bytes(v, size * columnWidth(c) * dtypeBytes(c.dtype), c.name);
  }
  return {
    format: REPLAY_STATE_FORMAT,
    schema: schema.columns,
    capacity: capacity as number,
    added: added as number,
    open: open as number,
    columns: out,
    episode_start: bytes(s.episode_start, size * 8, 'episode_start'),
    episode_end: bytes(s.episode_end, size * 8, 'episode_end'),
  };
}

/** The checkpoint as msgpack bytes. */
export function encodeReplayState(state: ReplayBufferState): Uint8Array {
  return packMsgpack(state);
}

/** A checkpoint from {@link encodeReplayState} bytes, validated. */
export function decodeReplayState(bytes: Uint8Array): ReplayBufferState {
  // A checkpoint is a few dozen items however large its columns are (they are single `bin`s).
  return checkReplayState(unpackMsgpack(bytes));
}
