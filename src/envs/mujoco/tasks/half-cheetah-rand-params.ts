/**
 * tasks/HalfCheetahRandParams-v0: HalfCheetah with randomised physical parameters, as the
 * "rand params" meta-RL envs (rand_param_envs) randomise Hopper and Walker2d.
 * @module
 */
import type { Generator } from '../../../rng/generator.ts';
import type { EnvDoc } from '../../env.ts';
import type { TaskFamily, TaskSplitDescription } from '../../task.ts';
import { TASK_FIELD, taskArray, taskNumber, taskObject } from '../../tasks/validate.ts';
import type { MujocoEnvDefinition } from '../mujoco-env.ts';
import type { ModelScales, MujocoModel, ScalableField } from '../runtime.ts';
import { type CheetahTaskParams, cheetahTaskEnv } from './cheetah-task-env.ts';
import { NO_TASK_NOTE } from './shared.ts';

/** The task: one factor per element of four model arrays (flat, MuJoCo's row-major layout). */
export interface RandParamsTask extends Record<string, unknown> {
  body_mass_scale: number[];
  body_inertia_scale: number[];
  dof_damping_scale: number[];
  geom_friction_scale: number[];
}

export type HalfCheetahRandParamsParams = CheetahTaskParams<{ readonly scales: ModelScales | undefined }>;

/** The randomised arrays in drawing order: task key, model field, base of the exponent. */
export const RAND_PARAMS: readonly {
  key: keyof RandParamsTask & string;
  field: ScalableField;
  base: number;
}[] = [
  { key: 'body_mass_scale', field: 'body_mass', base: 1.5 },
  { key: 'body_inertia_scale', field: 'body_inertia', base: 1.5 },
  { key: 'dof_damping_scale', field: 'dof_damping', base: 1.3 },
  { key: 'geom_friction_scale', field: 'geom_friction', base: 1.5 },
];

/** Exponents are drawn from U[-LOG_SCALE_LIMIT, LOG_SCALE_LIMIT] (rand_param_envs' `log_scale_limit`). */
export const LOG_SCALE_LIMIT = 3;
/** Factors a client may give. */
const VALID = { min: 0.01, max: 100, minInclusive: true } as const;

const doc = (sizes: Record<string, number>): EnvDoc => ({
  description:
    'HalfCheetah-v5 (same model, reset and reward) with its physical parameters randomised per task, as ' +
    'in the "rand params" meta-RL benchmarks (rand_param_envs, used by ProMP and PEARL for Hopper and ' +
    'Walker2d): every body mass and every principal moment of inertia is multiplied by 1.5^u, every joint ' +
    "damping by 1.3^u and every geom friction coefficient (sliding, torsional, rolling; the floor's " +
    'included) by 1.5^u, each element with its own u ~ U[-3, 3]. The task is the vectors of factors: ' +
    `body_mass_scale (${sizes.body_mass} = nbody, the world body's included: it has no mass), ` +
    `body_inertia_scale (${sizes.body_inertia} = nbody × 3), dof_damping_scale (${sizes.dof_damping} = nv; ` +
    `the root dofs have no damping) and geom_friction_scale (${sizes.geom_friction} = ngeom × 3), flat and ` +
    'row-major as MuJoCo stores `body_mass`, `body_inertia`, `dof_damping` and `geom_friction`. Drawing: one ' +
    '`uniform(-3, 3)` per element, in that order of arrays and elements (numpy `uniform(size=shape)` order), ' +
    'factor = base ** u. Train and test splits: the same distribution (rand_param_envs samples train and ' +
    "test tasks alike). Per MuJoCo call the compiled model's arrays are set to compiled value × factor " +
    '(`body_subtreemass` recomputed from the new masses), then restored, so tasks never leak between ' +
    'calls; like rand_param_envs (which writes the arrays directly) the other constants `mj_setConst` ' +
    'derives from masses (`body_invweight0`, `dof_invweight0`, `stat.meaninertia`) keep their compiled values.',
  action_space: "`Box(-1, 1, (6,), float32)`: HalfCheetah-v5's six joint torques.",
  observation_space:
    "`Box(-inf, inf, (17,), float64)`: HalfCheetah-v5's observation; the factors are not in it.",
  rewards:
    "HalfCheetah-v5's: reward = v - 0.1 · sum(action²), v = (x_after - x_before) / dt (dt = 0.05 s). " +
    '`info`: `x_position`, `x_velocity`, `reward_forward`, `reward_ctrl`. The batched reward does not depend ' +
    'on the task; its forward term is estimated from the observed x velocities (approximate).',
  starting_state:
    "HalfCheetah-v5's reset noise (the reset does not depend on the task's factors); when the reset names " +
    'no task, the train task is drawn first from the same generator. `options.state` may give ' +
    '`[qpos (9), qvel (9)]`.',
  episode_end: 'Never terminates. Truncation: 200 steps (as PEARL ran the rand-params envs).',
  arguments:
    'No kwargs. Tasks (`options.task`): {body_mass_scale, body_inertia_scale, dof_damping_scale, ' +
    'geom_friction_scale}, arrays of the lengths above with factors in [0.01, 100]; an array left out means ' +
    `all ones. Default task: all factors 1, i.e. HalfCheetah-v5 dynamics. ${NO_TASK_NOTE}`,
  version_history: 'v0: initial release, on HalfCheetah-v5 dynamics.',
});

function family(
  sizes: Record<ScalableField, number>,
): TaskFamily<HalfCheetahRandParamsParams, RandParamsTask> {
  const low = (b: number) => b ** -LOG_SCALE_LIMIT;
  const high = (b: number) => b ** LOG_SCALE_LIMIT;
  const split: TaskSplitDescription = {
    description:
      'each factor independently base ** U[-3, 3] (base 1.5 for masses, inertias and frictions, 1.3 for ' +
      'damping), drawn array by array, element by element; train and test are the same distribution',
    ranges: Object.fromEntries(RAND_PARAMS.map((r) => [r.key, [low(r.base), high(r.base)]])),
  };
  const properties: Record<string, unknown> = {};
  for (const r of RAND_PARAMS) {
    properties[r.key] = {
      type: 'array',
      description: `factors of the model's \`${r.field}\` (flat, row-major)`,
      items: { type: 'number', minimum: VALID.min, maximum: VALID.max },
      minItems: sizes[r.field],
      maxItems: sizes[r.field],
    };
  }
  return {
    schema: { type: 'object', additionalProperties: false, properties },
    splits: { train: split, test: split },
    sample(rng: Generator) {
      const task: Record<string, number[]> = {};
      for (const r of RAND_PARAMS) {
        task[r.key] = Array.from(
          { length: sizes[r.field] },
          () => r.base ** rng.uniform(-LOG_SCALE_LIMIT, LOG_SCALE_LIMIT),
        );
      }
      return task as RandParamsTask;
    },
    parse(value) {
      const record = taskObject(
        value,
        RAND_PARAMS.map((r) => r.key),
      );
      const task: Record<string, number[]> = {};
      for (const r of RAND_PARAMS) {
        const v = record[r.key];
        const n = sizes[r.field];
        task[r.key] =
          v === undefined
            ? new Array(n).fill(1)
            : taskArray(v, `${TASK_FIELD}.${r.key}`, n, (x, field) => taskNumber(x, field, VALID));
      }
      return task as RandParamsTask;
    },
    apply(params, task) {
      const scales: Partial<Record<ScalableField, readonly number[]>> = {};
      for (const r of RAND_PARAMS) scales[r.field] = task[r.key] as number[];
      return { ...params, scales };
    },
  };
}

/** Builds tasks/HalfCheetahRandParams-v0 on the compiled HalfCheetah model. */
export function halfCheetahRandParamsEnv(
  model: MujocoModel,
): MujocoEnvDefinition<HalfCheetahRandParamsParams> {
  const sizes = Object.fromEntries(RAND_PARAMS.map((r) => [r.field, model.fieldSize(r.field)])) as Record<
    ScalableField,
    number
  >;
  return cheetahTaskEnv(model, {
    id: 'tasks/HalfCheetahRandParams-v0',
    doc: doc(sizes),
    defaults: { scales: undefined },
    ctrlCostWeight: 0.1,
    tasks: family(sizes),
    forwardReward: (v) => v,
    scales: (p) => p.scales,
  });
}
