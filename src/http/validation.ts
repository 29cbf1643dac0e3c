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

/** Compiles ajv validators for every operation of the spec ($refs resolve against the spec's components). */
export function compileValidators(
  doc: OpenApiDocument,
  ops: SpecOperation[],
): Map<string, OperationValidators> {
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: false, discriminator: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: specId, components: withoutDiscriminatorMappings(doc.components) });
  const rebase = (schema: unknown) =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${specId}#/components/`));
  const out = new Map<string, OperationValidators>();
  for (const op of ops) {
    const v: OperationValidators = {};
    const path = objectSchema(op.parameters, 'path');
    if (path) v.params = ajv.compile(rebase(path));
    v.query = ajv.compile(rebase(objectSchema(op.parameters, 'query')));
    if (op.bodySchema) v.body = ajv.compile(rebase(op.bodySchema));
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

/** Runs a validator, throwing a 422 `validation` problem listing every failure. */
export function assertValid(validate: ValidateFunction | undefined, value: unknown, prefix: string): void {
  if (!validate || validate(value)) return;
  const errors = toProblemErrors(validate.errors, prefix);
  const first = errors[0];
  throw new ApiError(
    'validation',
    first ? `${first.pointer || prefix}: ${first.message}` : 'invalid request',
    errors,
  );
}
