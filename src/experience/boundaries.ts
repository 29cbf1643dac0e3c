/**
 * Where stretches of consecutive transitions end. A stretch is a run of rows each starting where
 * the previous one left off; it ends at the end of an episode (`terminated | truncated`) or where
 * the data does not continue: the next row does not start from this row's next observation (a
 * reset, rows posted out of order, a collection cut that was not flagged) or it is the last row.
 * Rows written before `truncated` existed (format 1 segments) carry no episode ends but their
 * terminations, so the observation comparison is what finds their resets and time limits.
 * @module
 */
import type { Transitions } from './columns.ts';

/**
 * 1 for each row the data does not continue: the next row does not start from this row's next
 * observation (bit for bit), or it is the last row. Terminated rows are flagged like any other.
 */
export function stretchEnds(t: Pick<Transitions, 'obs' | 'nextObs' | 'n'>, obsDim: number): Uint8Array {
  const ends = new Uint8Array(t.n);
  for (let i = 0; i < t.n; i++) {
    if (i === t.n - 1) {
      ends[i] = 1;
      continue;
    }
    for (let j = 0; j < obsDim; j++) {
      if (t.nextObs[i * obsDim + j] !== t.obs[(i + 1) * obsDim + j]) {
        ends[i] = 1;
        break;
      }
    }
  }
  return ends;
}

/**
 * 1 for each row that ends its stretch: `terminated`, `truncated`, or {@link stretchEnds}. On
 * rows without `truncated` (format 1 data) this differs from `stretchEnds` only on terminated
 * rows, where return computations look at `terminated` first: their targets are the same.
 */
export function episodeEnds(
  t: Pick<Transitions, 'obs' | 'nextObs' | 'n' | 'terminated' | 'truncated'>,
  obsDim: number,
): Uint8Array {
  const ends = stretchEnds(t, obsDim);
  for (let i = 0; i < t.n; i++) if (t.terminated[i] || t.truncated?.[i]) ends[i] = 1;
  return ends;
}

/**
 * The first row of each row's stretch and the last (inclusive), from {@link episodeEnds}-style
 * flags: the episode bounds hindsight relabelling draws future goals within.
 */
export function stretchBounds(ends: Uint8Array): { start: Int32Array; end: Int32Array } {
  const n = ends.length;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  let first = 0;
  for (let i = 0; i < n; i++) {
    start[i] = first;
    if (ends[i] || i === n - 1) {
      end.fill(i, first, i + 1);
      first = i + 1;
    }
  }
  return { start, end };
}
