import type { Generator } from '../rng/generator.ts';

/** The two task splits: agents train on `train` and are graded on `test`. */
export type TaskSplit = 'train' | 'test';

/** Task parameters: plain JSON data (numbers, strings, arrays of numbers). */
export type Task = Record<string, unknown>;

/** How a split is made, served as data with the env. */
export interface TaskSplitDescription {
  /** One sentence: e.g. "goal velocity ~ U[0, 3]" or "80 of 100 goals, fixed seeded shuffle". */
  description: string;
  /** Number of tasks when the split is a fixed finite set. */
  size?: number;
  /** Per-parameter [low, high] ranges when the split is continuous. */
  ranges?: Record<string, [number, number]>;
}

/**
 * A task distribution over an env's dynamics or goals (varying masses, goal positions, ...).
 * The task travels inside the sealed state, hidden from the client unless the reset asks
 * (`options.reveal_task`), and is applied to the env's parameters before every function call.
 *
 * @typeParam P - the env's parameters.
 * @typeParam T - one task's parameters.
 */
export interface TaskFamily<P, T extends Task = Task> {
  /** JSON Schema of one task (served with the env). */
  readonly schema: Record<string, unknown>;
  readonly splits: Readonly<Record<TaskSplit, TaskSplitDescription>>;
  /**
   * Draws one task of a split. Deterministic in `rng`. For a fixed finite split, draws one of
   * its tasks uniformly (with replacement).
   */
  sample(rng: Generator, split: TaskSplit, params: P): T;
  /** All tasks of a split, for fixed finite splits only (multi-task wrappers enumerate them). */
  list?(split: TaskSplit, params: P): T[];
  /** Validates a client-given task; throws EnvArgumentError naming the field (`options.task.x`). */
  parse(value: unknown, params: P): T;
  /** The env's parameters with the task applied (pure; `params` is not modified). */
  apply(params: P, task: T): P;
}
