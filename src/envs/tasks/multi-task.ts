import { Generator } from '../../rng/generator.ts';
import { Box } from '../../spaces/box.ts';
import type { SpaceValue } from '../../spaces/space.ts';
import { EnvArgumentError, type EnvDefinition } from '../env.ts';
import type { Task, TaskFamily, TaskSplit } from '../task.ts';

/** Parameters of a multi-task env: the inner env's, with the task's index. */
export interface MultiTaskParams<P> {
  inner: P;
  index: number;
}

/** A finite task set, split into train and test tasks (indices: train first, then test). */
export interface FiniteTaskSet {
  train: Task[];
  test: Task[];
}

/**
 * Wraps an env with a task family into a multi-task env over a finite task set: the task is
 * `{index}` (train tasks first, then test tasks) and its one-hot id is appended to the
 * observation, so one policy can be conditioned on which task it is solving. Works for any
 * family whose observations are flat float32 Boxes.
 */
export function multiTaskEnv<P, A extends SpaceValue>(
  inner: EnvDefinition<P, A>,
  id: string,
  tasks: FiniteTaskSet,
): EnvDefinition<MultiTaskParams<P>, A> {
  const family = inner.tasks;
  if (!family) throw new Error(`${inner.id} has no task family to wrap`);
  const all = [...tasks.train, ...tasks.test];
  const n = all.length;
  const innerParams = (p: MultiTaskParams<P>) => family.apply(p.inner, all[p.index]!);
  const indices = (split: TaskSplit) =>
    split === 'train' ? tasks.train.map((_, i) => i) : tasks.test.map((_, i) => tasks.train.length + i);
  const oneHotted = (obs: SpaceValue, index: number): Float32Array => {
    const base = obs as Float32Array;
    const out = new Float32Array(base.length + n);
    out.set(base);
    out[base.length + index] = 1;
    return out;
  };
  const taskFamily: TaskFamily<MultiTaskParams<P>, { index: number }> = {
    schema: {
      type: 'object',
      required: ['index'],
      properties: { index: { type: 'integer', minimum: 0, maximum: n - 1 } },
      additionalProperties: false,
    },
    splits: {
      train: { description: `tasks 0..${tasks.train.length - 1} of the fixed set`, size: tasks.train.length },
      test: {
        description: `tasks ${tasks.train.length}..${n - 1} of the fixed set`,
        size: tasks.test.length,
      },
    },
    sample: (rng, split) => {
      const pool = indices(split);
      return { index: pool[rng.integers(0, pool.length)]! };
    },
    list: (split) => indices(split).map((index) => ({ index })),
    parse: (value) => {
      const index = (value as { index?: unknown } | null)?.index;
      if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= n) {
        throw new EnvArgumentError('options.task.index', `must be an integer in [0, ${n - 1}]`);
      }
      return { index: index as number };
    },
    apply: (params, task) => ({ ...params, index: task.index }),
  };
  return {
    id,
    doc: {
      ...inner.doc,
      description: `${inner.id} over a fixed set of ${n} tasks (${tasks.train.length} train, ${tasks.test.length} test), with the one-hot task id appended to the observation. ${inner.doc.description}`,
      observation_space: `${inner.doc.observation_space} Followed by ${n} entries: the one-hot id of the task.`,
      version_history: 'v0: initial version of the multi-task wrapper.',
    },
    ...(inner.maxEpisodeSteps !== undefined ? { maxEpisodeSteps: inner.maxEpisodeSteps } : {}),
    ...(inner.stochastic ? { stochastic: true } : {}),
    defaultKwargs: inner.defaultKwargs,
    params: (kwargs) => ({ inner: inner.params(kwargs), index: 0 }),
    observationSpace: (p) => {
      const d = inner.observationSpace(p.inner).describe();
      if (d.type !== 'Box' || d.dtype !== 'float32' || d.shape.length !== 1) {
        throw new Error(`${inner.id}: multi-task wrapping needs a flat float32 Box observation`);
      }
      return new Box(
        [...d.low, ...new Array(n).fill(0)],
        [...d.high, ...new Array(n).fill(1)],
        [d.shape[0]! + n],
      );
    },
    actionSpace: (p) => inner.actionSpace(p.inner),
    initial: (rng, p, options) => inner.initial(rng, innerParams(p), options),
    transition: (s, a, p, rng) => inner.transition(s, a, innerParams(p), rng),
    reward: (s, a, next, p) => inner.reward(s, a, next, innerParams(p)),
    terminal: (s, p) => inner.terminal(s, innerParams(p)),
    observation: (s, p) => oneHotted(inner.observation(s, innerParams(p)), p.index),
    info: (s, next, p) => inner.info?.(s, next, innerParams(p)) ?? {},
    parseState: (v, p) => inner.parseState(v, innerParams(p)),
    batched: {
      // Observations carry the one-hot id; the inner functions see their own columns only.
      reward: (obs, action, nextObs, count, p) =>
        inner.batched.reward(
          stripIds(obs, count, n),
          action,
          stripIds(nextObs, count, n),
          count,
          innerParams(p),
        ),
      terminal: (nextObs, count, p) =>
        inner.batched.terminal(stripIds(nextObs, count, n), count, innerParams(p)),
    },
    tasks: taskFamily,
  };
}

/** Rows of `[count, dim + ids]` observations without their last `ids` columns. */
function stripIds(x: Float32Array, count: number, ids: number): Float32Array {
  const dim = x.length / count - ids;
  const out = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) out.set(x.subarray(i * (dim + ids), i * (dim + ids) + dim), i * dim);
  return out;
}

/** A finite task set drawn from a family's splits with a fixed seed (for continuous families). */
export function drawTaskSet<P>(
  def: EnvDefinition<P>,
  counts: { train: number; test: number },
  seed: number,
): FiniteTaskSet {
  const family = def.tasks!;
  const params = def.params(def.defaultKwargs);
  const rng = Generator.fromSeed(seed);
  const draw = (split: TaskSplit, count: number) =>
    family.list
      ? family.list(split, params)
      : Array.from({ length: count }, () => family.sample(rng, split, params));
  return { train: draw('train', counts.train), test: draw('test', counts.test) };
}
