/**
 * Joining and picking rows of {@link Transitions}, column by column along a schema.
 * @module
 */
import {
  columnOf,
  columnWidth,
  emptyTransitions,
  type TransitionSchema,
  type Transitions,
  transitionSchema,
} from './columns.ts';

/** A schema argument, or the widths of the core-only schema (the older call form). */
export type SchemaArg = TransitionSchema | number;

/** The schema of `(schema)` or `(obsDim, actionDim)` arguments. */
export function schemaOf(schemaOrObsDim: SchemaArg, actionDim?: number): TransitionSchema {
  if (typeof schemaOrObsDim !== 'number') return schemaOrObsDim;
  if (actionDim === undefined) throw new Error('an observation width needs an action width beside it');
  return transitionSchema({ obsDim: schemaOrObsDim, actionDim });
}

/**
 * Rows of several transition sets, in order, as one (`truncated` of parts without it as 0).
 * Takes the schema, or `(obsDim, actionDim)` for the core columns only.
 */
export function concatTransitions(
  parts: readonly Transitions[],
  schemaOrObsDim: SchemaArg,
  actionDim?: number,
): Transitions {
  const schema = schemaOf(schemaOrObsDim, actionDim);
  const out = emptyTransitions(
    schema,
    parts.reduce((s, p) => s + p.n, 0),
  );
  for (const column of schema.columns) {
    const target = columnOf(out, column.name);
    const width = columnWidth(column);
    let row = 0;
    for (const p of parts) {
      // truncated may be absent (zeros already); every other column must be there.
      if (column.name !== 'truncated' || p.truncated) target.set(columnOf(p, column.name), row * width);
      row += p.n;
    }
  }
  return out;
}

/** The rows `rows` of `t` (any order, repeats allowed), as new transitions. */
export function gatherRows(t: Transitions, schema: TransitionSchema, rows: ArrayLike<number>): Transitions {
  const out = emptyTransitions(schema, rows.length);
  for (const column of schema.columns) {
    const width = columnWidth(column);
    const from = columnOf(t, column.name);
    const to = columnOf(out, column.name);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      to.set(from.subarray(r * width, (r + 1) * width), i * width);
    }
  }
  return out;
}
