/** Messages between a {@link ShardPool} and its workers. @module */
import type { ShardJob } from '../evaluator.ts';
import type { EvaluatorSpec } from '../spec.ts';

/** Parent to worker. */
export type ShardRequest =
  | { type: 'init'; spec: EvaluatorSpec; backend: string }
  | { type: 'run'; job: ShardJob }
  | { type: 'close' };

/** Worker to parent. */
export type ShardResponse =
  | { type: 'ready' }
  | { type: 'result'; returns: Float32Array }
  | { type: 'error'; message: string };

/** `workerData` of a shard worker (besides its port and the bootstrap's `entry`). */
export interface ShardWorkerData {
  /** One flag per worker: 1 once its result is on the port. */
  flags: Int32Array;
  index: number;
}
