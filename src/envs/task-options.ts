import type { Generator } from '../rng/generator.ts';
import { EnvArgumentError, type EnvDefinition } from './env.ts';
import { TaskHiddenError } from './errors.ts';
import type { Task, TaskSplit } from './task.ts';

/**
 * A non-stationary task schedule: switch to given tasks at given step counts, and/or switch
 * with probability `probability` before each step to a task drawn from `split` (with the
 * episode's generator, so the schedule is as reproducible as the rest of the episode).
 */
export interface TaskSchedule {
  switches: { at_step: number; task: Task }[];
  probability: number;
  split: TaskSplit;
}

/** The reset options the adapter handles itself, parsed; `envOptions` is what the env sees. */
export interface TaskOptions {
  task: Task | undefined;
  reveal: boolean;
  schedule: TaskSchedule | undefined;
  envOptions: Readonly<Record<string, unknown>>;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function parseSchedule<P>(def: EnvDefinition<P>, params: P, value: unknown): TaskSchedule {
  const family = def.tasks!;
  if (!isRecord(value)) throw new EnvArgumentError('options.task_schedule', 'must be an object');
  const unknown = Object.keys(value).filter((k) => !['switches', 'probability', 'split'].includes(k));
  if (unknown.length)
    throw new EnvArgumentError('options.task_schedule', `unknown keys: ${unknown.join(', ')}`);
  const { switches = [], probability = 0, split = 'train' } = value;
  if (!Array.isArray(switches))
    throw new EnvArgumentError('options.task_schedule.switches', 'must be an array');
  const parsed = switches.map((s, i) => {
    const field = `options.task_schedule.switches.${i}`;
    if (!isRecord(s) || !Number.isSafeInteger(s.at_step) || (s.at_step as number) < 0) {
      throw new EnvArgumentError(field, 'must be {at_step: integer >= 0, task: {...}}');
    }
    return { at_step: s.at_step as number, task: family.parse(s.task, params) };
  });
  if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) {
    throw new EnvArgumentError('options.task_schedule.probability', 'must be a number in [0, 1]');
  }
  if (split !== 'train' && split !== 'test') {
    throw new EnvArgumentError('options.task_schedule.split', 'must be "train" or "test"');
  }
  return { switches: parsed, probability, split };
}

/**
 * Splits the task-related reset options (`task`, `reveal_task`, `task_schedule`) from the env's
 * own. Throws {@link EnvArgumentError} when they are malformed or the env has no tasks.
 */
export function parseTaskOptions<P>(
  def: EnvDefinition<P>,
  params: P,
  options: Readonly<Record<string, unknown>>,
): TaskOptions {
  const { task, reveal_task: reveal = false, task_schedule: schedule, ...envOptions } = options;
  if (!def.tasks && (task !== undefined || schedule !== undefined || reveal !== false)) {
    throw new EnvArgumentError('options.task', `${def.id} has no task distribution`);
  }
  if (typeof reveal !== 'boolean') throw new EnvArgumentError('options.reveal_task', 'must be a boolean');
  return {
    task: task === undefined ? undefined : def.tasks!.parse(task, params),
    reveal,
    schedule: schedule === undefined ? undefined : parseSchedule(def, params, schedule),
    envOptions,
  };
}

/** The task of a new episode: the given one, or one drawn from the train split with the reset generator. */
export function initialTask<P>(
  def: EnvDefinition<P>,
  params: P,
  given: Task | undefined,
  rng: Generator,
): Task | undefined {
  if (!def.tasks) return undefined;
  return given ?? def.tasks.sample(rng, 'train', params);
}

/** Whether a schedule draws from the generator on each step. */
export function scheduleDraws(schedule: TaskSchedule | undefined): boolean {
  return schedule !== undefined && schedule.probability > 0;
}

/** The task in force for the step taken after `steps` steps, by the schedule. */
export function scheduledTask<P>(
  def: EnvDefinition<P>,
  params: P,
  current: Task,
  schedule: TaskSchedule | undefined,
  steps: number,
  rng: Generator | undefined,
): Task {
  if (!schedule) return current;
  let task = schedule.switches.find((s) => s.at_step === steps)?.task ?? current;
  if (rng && schedule.probability > 0 && rng.random() < schedule.probability) {
    task = def.tasks!.sample(rng, schedule.split, params);
  }
  return task;
}

/**
 * Hidden tasks (graded episodes): a task the server drew stays hidden from the client, so an
 * autograder's held-out tasks cannot be read off an episode. Revealing it (`reveal_task`), the
 * info that gives it away (`taskInfoKeys`) and drawing it (render) need the grader key
 * (`privileged`), unless the client chose the task itself.
 */
export function checkReveal(reveal: boolean, hasTask: boolean, chosen: boolean, privileged: boolean): void {
  if (reveal && hasTask && !chosen && !privileged) {
    throw new TaskHiddenError(
      "this episode's task was drawn by the server and is hidden; reveal_task needs the grader key " +
        '(X-Grader-Key), or name the task yourself in options.task',
    );
  }
}

/** Step info as the client may see it: the task-revealing keys left out while the task is hidden. */
export function visibleInfo<P>(
  def: EnvDefinition<P>,
  info: Record<string, unknown>,
  visible: boolean,
): Record<string, unknown> {
  if (visible || !def.taskInfoKeys?.length) return info;
  const out = { ...info };
  for (const key of def.taskInfoKeys) delete out[key];
  return out;
}

/** The env's parameters with a task applied (the parameters themselves when there is none). */
export function withTask<P>(def: EnvDefinition<P>, params: P, task: Task | undefined): P {
  return task && def.tasks ? def.tasks.apply(params, task) : params;
}
