/**
 * fast-check arbitraries from the spec's JSON Schemas: values that mostly follow a schema (right
 * types, enums, bounds) with room to stray (wrong types, extra keys, edge numbers), so a fuzz run
 * reaches deep into handlers instead of stopping at validation. Depth and sizes are kept small:
 * the point is shapes, not volume (the body limits have their own tests).
 * @module
 */
import fc from 'fast-check';

type Schema = Record<string, unknown>;

const edgeNumbers = fc.constantFrom(0, -0, 1, -1, 0.5, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, 1e-320);

/** Any JSON-like value, kept small. */
export const anyValue: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 }).map((v) => v as unknown);

/** Arbitraries that stand in for named component schemas (e.g. real state tokens for `StateToken`). */
export type SchemaOverrides = Record<string, fc.Arbitrary<unknown>>;

/** An arbitrary for `schema`, `$ref`s resolved against `components`. */
export function schemaArbitrary(
  schema: unknown,
  components: Record<string, unknown>,
  overrides: SchemaOverrides = {},
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = (schema ?? {}) as Schema;
  if (depth > 6) return anyValue;
  if (typeof s.$ref === 'string') {
    const name = s.$ref.replace('#/components/schemas/', '');
    return overrides[name] ?? schemaArbitrary(components[name], components, overrides, depth + 1);
  }
  const strays = fc.oneof(anyValue, edgeNumbers, fc.constantFrom('nan', 'inf', '', null));
  const follow = followSchema(s, components, overrides, depth);
  // Mostly the schema's shape; now and then anything at all (rare per node: strays compound).
  return fc.oneof({ weight: 40, arbitrary: follow }, { weight: 1, arbitrary: strays });
}

function followSchema(
  s: Schema,
  components: Record<string, unknown>,
  overrides: SchemaOverrides,
  depth: number,
): fc.Arbitrary<unknown> {
  const next = (x: unknown) => schemaArbitrary(x, components, overrides, depth + 1);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const branches = (s.oneOf ?? s.anyOf) as unknown[] | undefined;
  if (branches) return fc.oneof(...branches.map(next));
  if (Array.isArray(s.allOf)) {
    // The first branch's properties together with the schema's own.
    const merged: Schema = { type: 'object', properties: {}, required: [] };
    for (const part of [...(s.allOf as Schema[]), { ...s, allOf: undefined }]) {
      const p =
        typeof part.$ref === 'string'
          ? (components[part.$ref.replace('#/components/schemas/', '')] as Schema)
          : part;
      Object.assign(merged.properties as Schema, p.properties ?? {});
      (merged.required as string[]).push(...((p.required as string[]) ?? []));
    }
    return followSchema(merged, components, overrides, depth);
  }
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, unknown>;
      const required = new Set((s.required as string[]) ?? []);
      const entries = Object.keys(props);
      const record = fc.record(Object.fromEntries(entries.map((k) => [k, next(props[k])])), {
        requiredKeys: entries.filter((k) => required.has(k)),
      });
      const extra = fc.dictionary(fc.string({ maxLength: 6 }), anyValue, { maxKeys: 2 });
      return fc.oneof(
        { weight: 20, arbitrary: record },
        { weight: 1, arbitrary: fc.tuple(record, extra).map(([a, b]) => ({ ...b, ...(a as object) })) },
      );
    }
    case 'array':
      return fc.array(next(s.items), { maxLength: 4 });
    case 'integer': {
      const min = typeof s.minimum === 'number' ? s.minimum : -1000;
      const max = typeof s.maximum === 'number' ? Math.min(s.maximum, min + 1e6) : min + 2000;
      return fc.oneof(
        fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) }),
        edgeNumbers,
      );
    }
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), edgeNumbers);
    case 'boolean':
      return fc.boolean();
    case 'string':
      return fc.string({ maxLength: 12 });
    case 'null':
      return fc.constant(null);
    default:
      return anyValue;
  }
}
