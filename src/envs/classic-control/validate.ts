/**
 * Argument checks shared by the classic-control envs: kwargs, reset options, client states.
 * Every failure is an {@link EnvArgumentError} naming the offending field.
 * @module
 */
import { EnvArgumentError, type PhysicalState } from '../env.ts';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return `a ${typeof value}`;
}

/** Rejects kwargs that the env does not take (Gymnasium raises a TypeError for those). */
export function checkKwargNames(kwargs: Readonly<Record<string, unknown>>, allowed: readonly string[]): void {
  for (const key of Object.keys(kwargs)) {
    if (!allowed.includes(key)) {
      const takes =
        allowed.length > 0 ? `it takes ${allowed.map((k) => `\`${k}\``).join(', ')}` : 'it takes none';
      throw new EnvArgumentError(`kwargs.${key}`, `unknown keyword argument \`${key}\`; ${takes}`);
    }
  }
}

/** A finite number, or the default when the key is absent (`undefined`). */
export function numberKwarg(
  kwargs: Readonly<Record<string, unknown>>,
  key: string,
  fallback: number,
): number {
  const value = kwargs[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new EnvArgumentError(`kwargs.${key}`, `\`${key}\` must be a finite number, got ${describe(value)}`);
  }
  return value;
}

/** A boolean, or the default when the key is absent (`undefined`). */
export function booleanKwarg(
  kwargs: Readonly<Record<string, unknown>>,
  key: string,
  fallback: boolean,
): boolean {
  const value = kwargs[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new EnvArgumentError(`kwargs.${key}`, `\`${key}\` must be a boolean, got ${describe(value)}`);
  }
  return value;
}

/**
 * A numeric reset option (Gymnasium's `verify_number_and_cast`), or the default when absent.
 * Only finite numbers pass: numpy would overflow on an infinite sampling range anyway.
 */
export function numberOption(
  options: Readonly<Record<string, unknown>>,
  key: string,
  fallback: number,
): number {
  if (!Object.hasOwn(options, key)) return fallback;
  const value = options[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new EnvArgumentError(
      `options.${key}`,
      `\`${key}\` must be a finite number, got ${describe(value)}`,
    );
  }
  return value;
}

/**
 * Gymnasium's `utils.maybe_parse_reset_bounds`: `options.low` / `options.high` (each optional)
 * bound the uniform draw of the initial state; they must be numbers with low <= high.
 */
export function resetBounds(
  options: Readonly<Record<string, unknown>>,
  defaultLow: number,
  defaultHigh: number,
): [low: number, high: number] {
  const low = numberOption(options, 'low', defaultLow);
  const high = numberOption(options, 'high', defaultHigh);
  if (low > high) {
    const field = Object.hasOwn(options, 'low') ? 'options.low' : 'options.high';
    throw new EnvArgumentError(field, `lower bound (${low}) must not exceed the upper bound (${high})`);
  }
  if (!Number.isFinite(high - low)) {
    throw new EnvArgumentError('options.high', `the range high - low (${high} - ${low}) overflows`);
  }
  return [low, high];
}

/**
 * Validates a client-given physical state (`options.state`): `length` finite numbers, as an
 * array or a typed array. With `float32`, the values are rounded to float32 as the env stores them.
 */
export function parsePhysicalState(
  value: unknown,
  length: number,
  names: readonly string[],
  float32 = false,
) {
  let items: ArrayLike<unknown>;
  if (Array.isArray(value)) items = value;
  else if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    items = value as unknown as ArrayLike<unknown>;
  else {
    throw new EnvArgumentError(
      'options.state',
      `state must be an array of ${length} numbers (${names.join(', ')})`,
    );
  }
  if (items.length !== length) {
    throw new EnvArgumentError(
      'options.state',
      `state must have ${length} components (${names.join(', ')}), got ${items.length}`,
    );
  }
  const state: PhysicalState = [];
  for (let i = 0; i < length; i++) {
    const v = items[i];
    const x = typeof v === 'bigint' ? Number(v) : v;
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new EnvArgumentError(
        `options.state.${i}`,
        `${names[i]} must be a finite number, got ${describe(v)}`,
      );
    }
    state.push(float32 ? Math.fround(x) : x);
  }
  return state;
}
