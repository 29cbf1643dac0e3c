import type { Generator } from '../rng/generator.ts';
import { isSpace, type SpaceValueOf } from './dict.ts';
import { isTypedArray, kindOf } from './dtype.ts';
import { type Space, type SpaceDescription, type SpaceValue, SpaceValueError } from './space.ts';

/** A {@link Tuple} value: one value per sub-space, in order. */
export type TupleValue<S extends readonly Space[]> = { -readonly [K in keyof S]: SpaceValueOf<S[K]> };

/** Gymnasium's `Tuple`: an ordered list of sub-spaces. Values are plain arrays of sub-values. */
export class Tuple<S extends readonly Space[] = readonly Space[]> implements Space<TupleValue<S>> {
  readonly type = 'Tuple' as const;
  readonly spaces: Readonly<S>;

  /** @throws SpaceValueError if an element is not a Space. */
  constructor(spaces: S) {
    spaces.forEach((s, i) => {
      if (!isSpace(s)) throw new SpaceValueError(`Tuple space [${i}] is not a Space`);
    });
    this.spaces = Object.freeze([...spaces]) as unknown as Readonly<S>;
  }

  /** `{ type: 'Tuple', spaces: [description, ...] }`. */
  describe(): SpaceDescription {
    return { type: 'Tuple', spaces: this.spaces.map((s) => s.describe()) };
  }

  /** Gymnasium's `Tuple.contains`: an array (plain or typed) of the right length, element-wise contained. */
  contains(value: unknown): boolean {
    if (!Array.isArray(value) && !isTypedArray(value)) return false;
    const items = value as ArrayLike<unknown>;
    return items.length === this.spaces.length && this.spaces.every((s, i) => s.contains(items[i]));
  }

  /**
   * Parses an array with one value per sub-space (errors name the position: "action[1] is NaN"
   * for a Discrete second element, "action[0][2] is NaN" inside a Box first element).
   * @throws SpaceValueError for a non-array, a wrong length or a bad element.
   */
  parse(value: unknown, path = 'value'): TupleValue<S> {
    if (!Array.isArray(value) && !isTypedArray(value)) {
      throw new SpaceValueError(
        `${path}: expected an array of ${this.spaces.length} values, got ${kindOf(value)}`,
      );
    }
    const items = value as ArrayLike<unknown>;
    if (items.length !== this.spaces.length) {
      throw new SpaceValueError(`${path}: expected ${this.spaces.length} values, got ${items.length}`);
    }
    return this.spaces.map((s, i) => s.parse(items[i], `${path}[${i}]`)) as TupleValue<S>;
  }

  /** A plain array of each sub-space's `toJSON`. */
  toJSON(value: TupleValue<S>): unknown {
    const v = value as SpaceValue[];
    return this.spaces.map((s, i) => s.toJSON(v[i]!));
  }

  /**
   * Samples the sub-spaces in order. Unlike Gymnasium, where each sub-space has its own
   * generator, all of them draw from the one `rng` given here, one after the other.
   */
  sample(rng: Generator): TupleValue<S> {
    // Array.prototype.map visits in index order, which is the sampling order.
    return this.spaces.map((s) => s.sample(rng)) as TupleValue<S>;
  }

  /** Gymnasium's repr: `Tuple(Discrete(2), Box(...))`. */
  toString(): string {
    return `Tuple(${this.spaces.map(String).join(', ')})`;
  }
}
