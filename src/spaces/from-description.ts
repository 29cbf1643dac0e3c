import { Box } from './box.ts';
import { Dict } from './dict.ts';
import { Discrete } from './discrete.ts';
import { DTYPES, isDType, kindOf } from './dtype.ts';
import { MultiBinary } from './multi-binary.ts';
import { MultiDiscrete } from './multi-discrete.ts';
import { checkShape, shapeSize } from './shape.ts';
import { type Space, SpaceValueError } from './space.ts';
import { Tuple } from './tuple.ts';

/** Largest number of elements one described Box/MultiBinary/MultiDiscrete may have (16 Mi). */
export const MAX_DESCRIBED_ELEMENTS = 1 << 24;
/** Deepest nesting of Dict/Tuple accepted, so hostile input cannot exhaust the stack. */
export const MAX_DESCRIPTION_DEPTH = 32;

const TYPES = ['Box', 'Discrete', 'MultiBinary', 'MultiDiscrete', 'Dict', 'Tuple'];

/**
 * Builds a space from its plain-data description ({@link SpaceDescription}, e.g. what
 * `describe()` returned, possibly after a trip through JSON). Untrusted input is validated
 * completely; Box bounds may also be the strings "inf"/"-inf" (as the JSON codec writes ±Infinity).
 * Lenient only where Gymnasium has defaults: Discrete `start` and MultiDiscrete `start`
 * default to 0, MultiDiscrete `shape` to `[nvec.length]`, and `dtype` may be left out where
 * it is fixed. Unknown extra fields are ignored. Dict keys are sorted (see {@link Dict}).
 *
 * @param path - name of the description in error messages (default `space`).
 * @throws SpaceValueError naming the offending field, e.g. "space.spaces.obs.low[1] is NaN".
 */
export function spaceFromDescription(desc: unknown, path = 'space'): Space {
  return build(desc, path, 0);
}

function build(desc: unknown, path: string, depth: number): Space {
  if (depth > MAX_DESCRIPTION_DEPTH)
    throw new SpaceValueError(`${path}: nested deeper than ${MAX_DESCRIPTION_DEPTH} levels`);
  if (!isRecord(desc))
    throw new SpaceValueError(`${path}: expected a space description object, got ${kindOf(desc)}`);
  const type = desc['type'];
  if (typeof type !== 'string' || !TYPES.includes(type)) {
    throw new SpaceValueError(`${path}.type must be one of ${TYPES.join(', ')}, got ${show(type)}`);
  }
  try {
    switch (type) {
      case 'Box':
        return box(desc, path);
      case 'Discrete':
        fixedDType(desc, 'int64', path);
        return new Discrete(
          integer(desc['n'], `${path}.n`),
          desc['start'] === undefined ? 0 : integer(desc['start'], `${path}.start`),
        );
      case 'MultiBinary': {
        fixedDType(desc, 'int8', path);
        return new MultiBinary(shape(desc['shape'], `${path}.shape`));
      }
      case 'MultiDiscrete':
        return multiDiscrete(desc, path);
      case 'Dict': {
        const spaces = desc['spaces'];
        if (!isRecord(spaces))
          throw new SpaceValueError(`${path}.spaces must be an object, got ${kindOf(spaces)}`);
        const built = Object.entries(spaces).map(
          ([k, d]) => [k, build(d, `${path}.spaces[${JSON.stringify(k)}]`, depth + 1)] as const,
        );
        return new Dict(Object.fromEntries(built));
      }
      default: {
        const spaces = desc['spaces'];
        if (!Array.isArray(spaces))
          throw new SpaceValueError(`${path}.spaces must be an array, got ${kindOf(spaces)}`);
        return new Tuple(spaces.map((d, i) => build(d, `${path}.spaces[${i}]`, depth + 1)));
      }
    }
  } catch (e) {
    // Constructors don't know the path; messages that already carry it pass through.
    if (e instanceof SpaceValueError && !e.message.startsWith(path))
      throw new SpaceValueError(`${path}: ${e.message}`);
    throw e;
  }
}

function box(desc: Record<string, unknown>, path: string): Space {
  const dtype = desc['dtype'];
  if (!isDType(dtype))
    throw new SpaceValueError(`${path}.dtype must be one of ${DTYPES.join(', ')}, got ${show(dtype)}`);
  const s = shape(desc['shape'], `${path}.shape`);
  const n = shapeSize(s);
  return new Box(bounds(desc['low'], n, `${path}.low`), bounds(desc['high'], n, `${path}.high`), s, dtype);
}

function multiDiscrete(desc: Record<string, unknown>, path: string): Space {
  fixedDType(desc, 'int64', path);
  const nvec = integers(desc['nvec'], `${path}.nvec`);
  const s = desc['shape'] === undefined ? [nvec.length] : shape(desc['shape'], `${path}.shape`);
  if (shapeSize(s) !== nvec.length) {
    throw new SpaceValueError(
      `${path}.nvec has ${nvec.length} values, shape [${s.join(', ')}] needs ${shapeSize(s)}`,
    );
  }
  const start = desc['start'] === undefined ? undefined : integers(desc['start'], `${path}.start`);
  if (start !== undefined && start.length !== nvec.length) {
    throw new SpaceValueError(`${path}.start has ${start.length} values, expected ${nvec.length}`);
  }
  return new MultiDiscrete(nvec, start, s);
}

function fixedDType(desc: Record<string, unknown>, dtype: string, path: string): void {
  if (desc['dtype'] !== undefined && desc['dtype'] !== dtype) {
    throw new SpaceValueError(`${path}.dtype must be ${dtype}, got ${show(desc['dtype'])}`);
  }
}

function shape(value: unknown, path: string): number[] {
  const s = checkShape(value, path);
  if (shapeSize(s) > MAX_DESCRIBED_ELEMENTS) {
    throw new SpaceValueError(`${path} [${s.join(', ')}] has more than ${MAX_DESCRIBED_ELEMENTS} elements`);
  }
  return s;
}

function integer(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw new SpaceValueError(`${path} must be an integer, got ${show(value)}`);
  return value;
}

function integers(value: unknown, path: string): number[] {
  if (!Array.isArray(value))
    throw new SpaceValueError(`${path} must be an array of integers, got ${kindOf(value)}`);
  if (value.length > MAX_DESCRIBED_ELEMENTS)
    throw new SpaceValueError(`${path} has more than ${MAX_DESCRIBED_ELEMENTS} values`);
  return value.map((v, i) => integer(v, `${path}[${i}]`));
}

const INFINITIES: Readonly<Record<string, number>> = { inf: Infinity, '+inf': Infinity, '-inf': -Infinity };

/** A flat array of `n` bounds: numbers (NaN refused by Box) or "inf"/"-inf". */
function bounds(value: unknown, n: number, path: string): number[] {
  if (!Array.isArray(value))
    throw new SpaceValueError(`${path} must be an array of ${n} numbers, got ${kindOf(value)}`);
  if (value.length !== n)
    throw new SpaceValueError(`${path} must have ${n} values (one per element), got ${value.length}`);
  return value.map((v, i) => {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && Object.hasOwn(INFINITIES, v)) return INFINITIES[v]!;
    throw new SpaceValueError(`${path}[${i}] must be a number or "inf"/"-inf", got ${show(v)}`);
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

/** A value quoted for a message (strings truncated). */
function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return kindOf(v);
}
