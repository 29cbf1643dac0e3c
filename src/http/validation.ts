import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ApiError, type Problem } from './problems.ts';
import type { OpenApiDocument, SpecOperation } from './spec.ts';

const specId = 'https://modelgym.dev/openapi.json';

/** Compiled validators of one operation. */
export interface OperationValidators {
  params?: ValidateFunction;
  query?: ValidateFunction;
  body?: ValidateFunction;
}

function objectSchema(params: SpecOperation['parameters'], where: 'path' | 'query'): object | undefined {
  const selected = params.filter((p) => p.in === where);
  if (selected.length === 0 && where === 'path') return undefined;
  return {
    type: 'object',
    properties: Object.fromEntries(selected.map((p) => [p.name, p.schema])),
    required: selected.filter((p) => p.required).map((p) => p.name),
    additionalProperties: where === 'path',
  };
}

/**
 * The components with each discriminator's `mapping` removed: ajv's discriminator refuses
 * mappings, and ours only repeat what each branch's `const` type already says (code generators
 * need them to name the branches).
 */
function withoutDiscriminatorMappings(components: unknown): unknown {
  return JSON.parse(JSON.stringify(components), (key, value) => {
    if (key !== 'discriminator' || typeof value !== 'object' || value === null) return value;
    const { propertyName, mapping } = value as { propertyName: string; mapping?: Record<string, string> };
    const values = discriminatorValues.get(propertyName) ?? new Set<string>();
    for (const tag of Object.keys(mapping ?? {})) values.add(tag);
    discriminatorValues.set(propertyName, values);
    return { propertyName };
  });
}

/** The values each discriminator property takes across the spec (for error messages). */
const discriminatorValues = new Map<string, Set<string>>();

/**
 * Values up to this many bytes (bodies; parameters always) that fail get every failure listed
 * (the problem shows 20); larger bodies report the first failure only. Listing every failure
 * costs an error object per bad item (8 MB of 2 M short strings took 2-3 s and ~500 MB), stopping
 * at the first costs nothing beyond the walk a valid body gets anyway (4 KiB of bad items listed
 * in full cost about 2 MB).
 */
export const fullReportMaxBytes = 4096;

/** The validator listing every failure behind each stop-at-the-first one, compiled on first use. */
const fullValidators = new WeakMap<ValidateFunction, () => ValidateFunction>();

/**
 * Compiles ajv validators for every operation of the spec ($refs resolve against the spec's
 * components). They stop at the first failure; {@link assertValid} lists every failure of small
 * values with a twin validator (`allErrors`), compiled when first needed.
 */
export function compileValidators(
  doc: OpenApiDocument,
  ops: SpecOperation[],
): Map<string, OperationValidators> {
  const components = withoutDiscriminatorMappings(doc.components);
  const newAjv = (allErrors: boolean) => {
    const ajv = new Ajv2020({ strict: false, allErrors, coerceTypes: false, discriminator: true });
    addFormats.default(ajv);
    ajv.addSchema({ $id: specId, components });
    return ajv;
  };
  const ajv = newAjv(false);
  let ajvAll: Ajv2020 | undefined;
  const compile = (schema: unknown): ValidateFunction => {
    const rebased = JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/', `"${specId}#/components/`),
    );
    const validate = ajv.compile(rebased);
    let full: ValidateFunction | undefined;
    fullValidators.set(validate, () => {
      ajvAll ??= newAjv(true);
      full ??= ajvAll.compile(rebased);
      return full;
    });
    return validate;
  };
  const out = new Map<string, OperationValidators>();
  for (const op of ops) {
    const v: OperationValidators = {};
    const path = objectSchema(op.parameters, 'path');
    if (path) v.params = compile(path);
    v.query = compile(objectSchema(op.parameters, 'query'));
    if (op.bodySchema) v.body = compile(op.bodySchema);
    out.set(op.operationId, v);
  }
  return out;
}

/** Turns ajv errors into the problem's `errors[]`, pointers prefixed with `/body`, `/path` or `/query`. */
export function toProblemErrors(
  errors: ErrorObject[] | null | undefined,
  prefix: string,
): NonNullable<Problem['errors']> {
  return (errors ?? []).slice(0, 20).map((e) => {
    if (e.keyword === 'discriminator') {
      // Point at the tag itself and say which values it takes.
      const { tag, tagValue } = e.params as { tag: string; tagValue: unknown };
      const known = [...(discriminatorValues.get(tag) ?? [])];
      return {
        pointer: `${prefix}${e.instancePath}/${tag}`,
        message: `${tag} ${JSON.stringify(tagValue)} is not one of ${known.join(', ')}`,
      };
    }
    const extra =
      e.keyword === 'additionalProperties'
        ? ` (${(e.params as { additionalProperty: string }).additionalProperty})`
        : e.keyword === 'unevaluatedProperties'
          ? ` (${(e.params as { unevaluatedProperty: string }).unevaluatedProperty})`
          : e.keyword === 'enum'
            ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`
            : '';
    return { pointer: `${prefix}${e.instancePath}`, message: `${e.message ?? 'is invalid'}${extra}` };
  });
}

/**
 * Runs a validator, throwing a 422 `validation` problem: listing every failure (20 at most)
 * when `bytes` (the body's size; parameters leave it out) is at most {@link fullReportMaxBytes},
 * else the first failure only. Validators keep no errors afterwards.
 */
export function assertValid(
  validate: ValidateFunction | undefined,
  value: unknown,
  prefix: string,
  bytes = 0,
): void {
  if (!validate || validate(value)) return;
  let found = validate.errors;
  validate.errors = null;
  const full = bytes <= fullReportMaxBytes ? fullValidators.get(validate)?.() : undefined;
  if (full && !full(value)) {
    found = full.errors;
    full.errors = null;
  }
  const errors = toProblemErrors(found, prefix);
  const first = errors[0];
  throw new ApiError(
    'validation',
    first ? `${first.pointer || prefix}: ${first.message}` : 'invalid request',
    errors,
  );
}
