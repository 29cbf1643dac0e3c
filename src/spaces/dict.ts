import type { Generator } from '../rng/generator.ts';
import { isTypedArray, kindOf } from './dtype.ts';
import { type Space, type SpaceDescription, type SpaceValue, SpaceValueError } from './space.ts';

/** The value type of a space (`Float32Array` for `Box<'float32'>`, `number` for `Discrete`...). */
export type SpaceValueOf<S> = S extends Space<infer T> ? T : never;

/** A {@link Dict} value: one value per key. */
export type DictValue<S extends Record<string, Space>> = { [K in keyof S]: SpaceValueOf<S[K]> };

/**
 * Gymnasium's `Dict`: named sub-spaces in a fixed key order. Given a plain object the keys are
 * sorted (by code point, as Python's `sorted`), exactly as Gymnasium sorts a `dict`;
 * {@link Dict.fromEntries} keeps the given order, as Gymnasium does for a sequence of pairs.
 * Values are plain objects with exactly those keys.
 *
 * Descriptions carry the sub-spaces as a JSON object, whose order is not reliable (and JS puts
 * integer-like keys first), so `spaceFromDescription` always sorts: an unsorted Dict does not
 * keep its order through a description.
 */
export class Dict<S extends Record<string, Space> = Record<string, Space>> implements Space<DictValue<S>> {
  readonly type = 'Dict' as const;
  /** The keys, in order (sampling, `describe` and `toJSON` follow it). */
  readonly keys: readonly string[];
  /** The sub-spaces by key. */
  readonly spaces: Readonly<S>;

  /** @param spaces - sub-spaces by key; the keys are sorted. */
  constructor(spaces: S);
  /** @param entries - `[key, space]` pairs; their order is kept. */
  constructor(entries: Iterable<readonly [string, Space]>);
  constructor(spaces: S | Iterable<readonly [string, Space]>) {
    const ordered = Symbol.iterator in spaces;
    const entries = ordered
      ? [...(spaces as Iterable<readonly [string, Space]>)]
      : Object.entries(spaces as S).sort(([a], [b]) => compareCodePoints(a, b));
    const seen = new Set<string>();
    for (const entry of entries) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') {
        throw new SpaceValueError('Dict entries must be [key, space] pairs with string keys');
      }
      const [key, space] = entry;
      if (seen.has(key)) throw new SpaceValueError(`Dict key ${JSON.stringify(key)} is given twice`);
      if (!isSpace(space)) throw new SpaceValueError(`Dict space ${JSON.stringify(key)} is not a Space`);
      seen.add(key);
    }
    this.keys = Object.freeze(entries.map(([key]) => key));
    // fromEntries defines own properties, so even a "__proto__" key is stored as data.
    this.spaces = Object.freeze(Object.fromEntries(entries)) as S;
  }

  /** A Dict with the keys in the given order (Gymnasium's `Dict([(key, space), ...])`). */
  static fromEntries(entries: Iterable<readonly [string, Space]>): Dict {
    return new Dict(entries);
  }

  private space(key: string): Space {
    return this.spaces[key]!;
  }

  /** `{ type: 'Dict', spaces: { key: description, ... } }`, keys inserted in order. */
  describe(): SpaceDescription {
    return { type: 'Dict', spaces: Object.fromEntries(this.keys.map((k) => [k, this.space(k).describe()])) };
  }

  /** Gymnasium's `Dict.contains`: an object with exactly these keys, each value in its sub-space. */
  contains(value: unknown): boolean {
    if (!isPlainObject(value)) return false;
    const own = Object.keys(value);
    return (
      own.length === this.keys.length &&
      this.keys.every((k) => Object.hasOwn(value, k) && this.space(k).contains(value[k]))
    );
  }

  /**
   * Parses an object with exactly these keys, each value by its sub-space (errors name the
   * key: "action.grip[0] is NaN").
   * @throws SpaceValueError for a non-object, a missing or unexpected key, or a bad value.
   */
  parse(value: unknown, path = 'value'): DictValue<S> {
    if (!isPlainObject(value)) {
      throw new SpaceValueError(
        `${path}: expected an object with keys ${this.keyList()}, got ${kindOf(value)}`,
      );
    }
    for (const k of this.keys) {
      if (!Object.hasOwn(value, k)) throw new SpaceValueError(`${path}: missing key ${JSON.stringify(k)}`);
    }
    for (const k of Object.keys(value)) {
      if (!Object.hasOwn(this.spaces, k)) {
        throw new SpaceValueError(
          `${path}: unexpected key ${JSON.stringify(k)} (expected ${this.keyList()})`,
        );
      }
    }
    return this.build((k) => this.space(k).parse(value[k], keyPath(path, k)));
  }

  /** A plain object of each sub-space's `toJSON`. */
  toJSON(value: DictValue<S>): unknown {
    const v = value as Record<string, SpaceValue>;
    return Object.fromEntries(this.keys.map((k) => [k, this.space(k).toJSON(v[k]!)]));
  }

  /**
   * Samples every sub-space in key order. Unlike Gymnasium, where each sub-space has its own
   * generator (seeded from the Dict's), all sub-spaces draw from the one `rng` given here, one
   * after the other; so a Dict sample is not the same as Gymnasium's for the same seed.
   */
  sample(rng: Generator): DictValue<S> {
    return this.build((k) => this.space(k).sample(rng));
  }

  private build(valueFor: (key: string) => SpaceValue): DictValue<S> {
    // Sequential on purpose: sampling order is the key order.
    const entries: [string, SpaceValue][] = [];
    for (const k of this.keys) entries.push([k, valueFor(k)]);
    return Object.fromEntries(entries) as DictValue<S>;
  }

  private keyList(): string {
    return this.keys.map((k) => JSON.stringify(k)).join(', ') || '(none)';
  }

  /** Gymnasium-like repr: `Dict('a': Box(...), 'b': Discrete(3))`. */
  toString(): string {
    return `Dict(${this.keys.map((k) => `${JSON.stringify(k)}: ${String(this.space(k))}`).join(', ')})`;
  }
}

/** Python's string order (code points), which differs from JS `<` (UTF-16 units) past U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

/** `value.key` for identifier-like keys, else `value["some key"]`. */
function keyPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || isTypedArray(value))
    return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Duck-typed Space check (sub-spaces may come from anywhere that implements the interface). */
export function isSpace(value: unknown): value is Space {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Space).describe === 'function' &&
    typeof (value as Space).parse === 'function' &&
    typeof (value as Space).sample === 'function'
  );
}
