/**
 * Issue 14, item 3: every array of openapi/openapi.yaml has a `maxItems`, so that no array a
 * client sends is longer than the API needs; the limits that follow from `x-limits` and from
 * other maxima of the spec are kept equal to them here.
 */
import { describe, expect, it } from 'vitest';
import { maxEventsPerSnapshot } from '../src/http/routes/jobs.ts';
import { loadSpec } from '../src/http/spec.ts';
import { fullReportMaxBytes, toProblemErrors } from '../src/http/validation.ts';

const doc = loadSpec() as unknown as Record<string, unknown>;
const limits = doc['x-limits'] as Record<string, number>;

/** JSON pointers of every schema that says `type: array` (alone or in a list of types). */
function arraySchemas(node: unknown, pointer = ''): [string, Record<string, unknown>][] {
  if (Array.isArray(node)) return node.flatMap((item, i) => arraySchemas(item, `${pointer}/${i}`));
  if (!node || typeof node !== 'object') return [];
  const object = node as Record<string, unknown>;
  const { type } = object;
  const here: [string, Record<string, unknown>][] =
    type === 'array' || (Array.isArray(type) && type.includes('array')) ? [[pointer, object]] : [];
  return here.concat(
    Object.entries(object).flatMap(([key, value]) =>
      arraySchemas(value, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`),
    ),
  );
}

/** The node at a JSON pointer of the spec. */
function at(pointer: string): Record<string, unknown> {
  let node: unknown = doc;
  for (const key of pointer.split('/').slice(1)) node = (node as Record<string, unknown>)[key];
  if (!node || typeof node !== 'object') throw new Error(`nothing at ${pointer}`);
  return node as Record<string, unknown>;
}

const s = '/components/schemas';
const maxItems = (pointer: string) => at(pointer).maxItems;

describe('arrays of the spec', () => {
  it('all have a maxItems', () => {
    const arrays = arraySchemas(doc);
    expect(arrays.length).toBeGreaterThan(30);
    const unbounded = arrays.filter(([, schema]) => typeof schema.maxItems !== 'number').map(([p]) => p);
    expect(unbounded).toEqual([]);
  });

  it('per-sub-env arrays allow x-limits.max_num_envs items', () => {
    expect(at(`${s}/VectorResetRequest/properties/num_envs`).maximum).toBe(limits.max_num_envs);
    expect(maxItems(`${s}/VectorResetOptions/properties/reset_mask`)).toBe(limits.max_num_envs);
    expect(maxItems(`${s}/VectorResetRequest/properties/seed/oneOf/2`)).toBe(limits.max_num_envs);
  });

  it('row batches and replays follow their x-limits', () => {
    expect(maxItems(`${s}/ArrayLike/anyOf/0`)).toBe(limits.max_transitions_per_request);
    expect(maxItems(`${s}/ReplayRequest/properties/actions/anyOf/0`)).toBe(limits.max_replay_actions);
    expect(maxItems(`${s}/ReplayResponse/properties/observations`)).toBe(limits.max_replay_actions! + 1);
    for (const key of ['rewards', 'terminated', 'truncated', 'infos'])
      expect(maxItems(`${s}/ReplayResponse/properties/${key}`)).toBe(limits.max_replay_actions);
    expect(maxItems(`${s}/TaskList/properties/tasks`)).toBe(limits.max_tasks_per_request);
  });

  it('a state, an action and a space hold at most 100,000 numbers per axis', () => {
    for (const pointer of [
      `${s}/ResetOptions/properties/state`,
      `${s}/Action/anyOf/1`,
      `${s}/NumberArray/anyOf/1`,
      `${s}/SpaceDescription/properties/low`,
      `${s}/SpaceDescription/properties/high`,
      `${s}/SpaceDescription/properties/nvec`,
      `${s}/SpaceDescription/properties/start/oneOf/1`,
    ])
      expect(maxItems(pointer), pointer).toBe(100_000);
    expect(maxItems(`${s}/SpaceDescription/properties/shape`)).toBe(maxItems(`${s}/Tensor/properties/shape`));
    expect(limits.max_agent_space_width).toBeLessThanOrEqual(100_000);
  });

  it('answers follow the maxima they come from', () => {
    const horizon = at(`${s}/PlannerConfig/properties/horizon`).maximum;
    expect(maxItems(`${s}/PlanResponse/properties/actions`)).toBe(horizon);
    expect(maxItems(`${s}/PredictionSummary/properties/mean`)).toBe(horizon);
    expect(maxItems(`${s}/PredictionSummary/properties/std`)).toBe(horizon);
    expect(maxItems(`${s}/MpcAgent/properties/validation_mse`)).toBe(
      at(`${s}/ModelConfig/properties/ensemble_size`).maximum,
    );
    expect(maxItems(`${s}/AgentType/properties/operations`)).toBe(
      (at(`${s}/AgentOperation`).enum as unknown[]).length,
    );
    const pageSize = Number(
      /\|(\d+)\)\$$/.exec(String(at('/components/parameters/Limit/schema').pattern))![1],
    );
    for (const list of ['AgentList', 'ExternalEnvList', 'JobList'])
      expect(maxItems(`${s}/${list}/properties/items`), list).toBe(pageSize);
    expect(maxItems(`${s}/JobEventList/properties/events`)).toBe(maxEventsPerSnapshot);
    const many = Array.from({ length: 50 }, () => ({ instancePath: '', message: 'x' })) as never;
    expect(toProblemErrors(many, '/body')).toHaveLength(maxItems(`${s}/Problem/properties/errors`) as number);
  });

  it('the spec states the error-list and event-snapshot caps', () => {
    const text = String((doc.info as { description: string }).description).replaceAll(/\s+/g, ' ');
    expect(text).toContain(`a body of at most ${fullReportMaxBytes} bytes`);
    expect(text).toContain(`at most ${maxEventsPerSnapshot.toLocaleString('en-US')} events`);
  });
});
