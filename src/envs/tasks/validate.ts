/**
 * Checks shared by the task envs: integer kwargs and client-given tasks (`options.task`). Every
 * failure is an {@link EnvArgumentError} naming the offending field.
 * @module
 */
import { EnvArgumentError } from '../env.ts';

/** Prefix of every task field in error messages. */
export const TASK_FIELD = 'options.task';

/** A short description of a value for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  return `a ${typeof value}`;
}

/** An integer kwarg in [min, max], or the default when absent. */
export function integerKwarg(
  kwargs: Readonly<Record<string, unknown>>,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = kwargs[key];
  if (value === undefined) return fallback;
  const v = typeof value === 'bigint' ? Number(value) : value;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new EnvArgumentError(
      `kwargs.${key}`,
      `\`${key}\` must be an integer in [${min}, ${max}], got ${describeValue(value)}`,
    );
  }
  return v;
}

/** A client-given task: a plain object whose keys are all among `allowed`. */
export function taskObject(value: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) {
    throw new EnvArgumentError(
      TASK_FIELD,
      `a task must be an object with ${allowed.map((k) => `\`${k}\``).join(', ')}, got ${describeValue(value)}`,
    );
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) {
      throw new EnvArgumentError(
        `${TASK_FIELD}.${key}`,
        `unknown task field \`${key}\`; a task has ${allowed.map((k) => `\`${k}\``).join(', ')}`,
      );
    }
  }
  return record;
}

/** Bounds of a task number: `min` < x (or <= with `minInclusive`) and x <= `max`. */
export interface NumberBounds {
  min: number;
  max: number;
  minInclusive?: boolean;
}

/**
 * A finite number, within `bounds` when given (bigints from msgpack accepted); `field` is the
 * full dotted path, e.g. `options.task.mass`.
 */
export function taskNumber(value: unknown, field: string, bounds?: NumberBounds): number {
  const v = typeof value === 'bigint' ? Number(value) : value;
  const range = bounds ? ` in ${bounds.minInclusive ? '[' : '('}${bounds.min}, ${bounds.max}]` : '';
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new EnvArgumentError(
      field,
      `${field} must be a finite number${range}, got ${describeValue(value)}`,
    );
  }
  if (bounds && (v > bounds.max || v < bounds.min || (v === bounds.min && !bounds.minInclusive))) {
    throw new EnvArgumentError(field, `${field} must be${range}, got ${v}`);
  }
  return v;
}

/** An array (or typed array) of exactly `length` items, checked one by one by `item`. */
export function taskArray<T>(
  value: unknown,
  field: string,
  length: number,
  item: (v: unknown, field: string) => T,
): T[] {
  let items: ArrayLike<unknown>;
  if (Array.isArray(value)) items = value;
  else if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    items = value as unknown as ArrayLike<unknown>;
  else
    throw new EnvArgumentError(
      field,
      `${field} must be an array of ${length} items, got ${describeValue(value)}`,
    );
  if (items.length !== length) {
    throw new EnvArgumentError(field, `${field} must have ${length} items, got ${items.length}`);
  }
  const out: T[] = [];
  for (let i = 0; i < length; i++) out.push(item(items[i], `${field}.${i}`));
  return out;
}
