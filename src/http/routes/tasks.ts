import { EnvArgumentError } from '../../envs/env.ts';
import { envInstance } from '../../envs/instance.ts';
import type { EnvRegistry } from '../../envs/registry.ts';
import type { TaskSplit } from '../../envs/task.ts';
import type { components } from '../../generated/openapi.ts';
import { Generator } from '../../rng/generator.ts';
import { reply } from '../codec.ts';
import type { OperationHandler } from '../operation.ts';
import { ApiError } from '../problems.ts';
import { splitRows, toWireTensor } from '../tensor.ts';

type Schemas = components['schemas'];

function goalMatrix(value: unknown, field: string): { rows: number; dim: number; data: Float64Array } {
  const rows = Array.isArray(value) ? value.length : ((value as { shape?: number[] }).shape?.[0] ?? 0);
  const parsed = splitRows(value, rows).map((row, i) => {
    if (typeof row === 'number') return [row];
    if (Array.isArray(row) || ArrayBuffer.isView(row)) return Array.from(row as ArrayLike<unknown>);
    throw new EnvArgumentError(`${field}.${i}`, 'every row must be an array of finite numbers');
  });
  const dim = parsed[0]?.length ?? 0;
  const data = new Float64Array(rows * dim);
  parsed.forEach((row, i) => {
    if (row.length !== dim || row.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
      throw new EnvArgumentError(`${field}.${i}`, `every row needs ${dim} finite numbers`);
    }
    data.set(row as number[], i * dim);
  });
  return { rows, dim, data };
}

/** Handlers of the task listing and the batched goal-conditioned reward. */
export function taskHandlers(deps: { registry: EnvRegistry }) {
  return {
    listTasks: (c, { params, query }) => {
      const def = deps.registry.get(params.env_id!);
      if (!def.tasks) throw new ApiError('not-found', `${def.id} has no task distribution`);
      const split = (query.split ?? 'train') as TaskSplit;
      // 1 to x-limits.max_tasks_per_request, by the spec's pattern.
      const count = Number(query.count ?? 10);
      const seed = Number(query.seed ?? 0);
      const { params: envParams } = envInstance(def, {});
      const rng = Generator.fromSeed(seed);
      const tasks = Array.from({ length: count }, () => def.tasks!.sample(rng, split, envParams));
      return reply(c, { split, seed, tasks } satisfies Schemas['TaskList']);
    },

    computeReward: (c, { params, body }) => {
      const def = deps.registry.get(params.env_id!);
      if (!def.computeReward) throw new ApiError('not-found', `${def.id} is not goal-conditioned`);
      const req = body as Schemas['ComputeRewardRequest'];
      const achieved = goalMatrix(req.achieved_goal, 'achieved_goal');
      const desired = goalMatrix(req.desired_goal, 'desired_goal');
      if (achieved.rows !== desired.rows || achieved.dim !== desired.dim) {
        throw new EnvArgumentError(
          'desired_goal',
          `shape [${desired.rows}, ${desired.dim}] differs from achieved_goal's [${achieved.rows}, ${achieved.dim}]`,
        );
      }
      const { params: envParams } = envInstance(def, req.kwargs ?? {});
      const reward = def.computeReward(achieved.data, desired.data, achieved.rows, envParams);
      const wire =
        (req.array_format ?? 'tensor') === 'tensor'
          ? toWireTensor(reward, 'float64', [reward.length])
          : Array.from(reward);
      return reply(c, { reward: wire });
    },
  } satisfies Record<string, OperationHandler>;
}
