/**
 * Worker threads that score shards of candidate sequences, for a {@link TrajectoryEvaluator}
 * with `shards > 1`: tfjs's wasm backend runs one thread per process in Node (its threaded build
 * is disabled there), so a second core is only reachable through another thread with its own
 * tfjs. The pool's workers hold a copy of the model (rebuilt from the {@link EvaluatorSpec});
 * the calling thread runs shard 0 itself while they run theirs, then blocks until they finish.
 * @module
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { ShardJob, ShardRunner } from '../evaluator.ts';
import type { EvaluatorSpec } from '../spec.ts';
import type { ShardRequest, ShardResponse } from './protocol.ts';

const bootstrap = new URL('../../workers/tsx-bootstrap.mjs', import.meta.url);
const entry = new URL('./shard-worker.ts', import.meta.url).href;

/** Longest wait for a worker's shard before the call fails (a worker that died never answers). */
const SHARD_TIMEOUT_MS = 120_000;

/** Worker threads worth starting here: one per core beyond the calling thread's. */
export function defaultShardWorkers(): number {
  return Math.max(0, availableParallelism() - 1);
}

/** A pool of shard workers (see the module doc). Close it when done. */
export class ShardPool implements ShardRunner {
  readonly #workers: Worker[];
  readonly #ports: MessagePort[];
  readonly #flags: Int32Array;
  #started = 0;
  #closed = false;

  private constructor(workers: Worker[], ports: MessagePort[], flags: Int32Array) {
    this.#workers = workers;
    this.#ports = ports;
    this.#flags = flags;
  }

  /** Starts `count` workers holding the evaluator `spec` on tensor backend `backend`. */
  static async start(spec: EvaluatorSpec, count: number, backend: string): Promise<ShardPool> {
    const flags = new Int32Array(new SharedArrayBuffer(4 * Math.max(count, 1)));
    const workers: Worker[] = [];
    const ports: MessagePort[] = [];
    const pool = new ShardPool(workers, ports, flags);
    try {
      for (let index = 0; index < count; index++) {
        const { port1, port2 } = new MessageChannel();
        const worker = new Worker(bootstrap, {
          workerData: { entry, port: port2, flags, index },
          transferList: [port2],
        });
        worker.unref();
        workers.push(worker);
        ports.push(port1);
        const ready = new Promise<void>((resolve, reject) => {
          port1.once('message', (m: ShardResponse) =>
            m.type === 'ready'
              ? resolve()
              : reject(new Error(`shard worker: ${m.type === 'error' ? m.message : m.type}`)),
          );
          worker.once('error', reject);
          worker.once('exit', (code) => reject(new Error(`shard worker exited with code ${code}`)));
        });
        port1.postMessage({ type: 'init', spec, backend } satisfies ShardRequest);
        await ready;
      }
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  get capacity(): number {
    return this.#closed ? 0 : this.#workers.length;
  }

  start(jobs: ShardJob[]): void {
    if (jobs.length > this.capacity)
      throw new RangeError(`${jobs.length} shards for ${this.capacity} workers`);
    jobs.forEach((job, i) => {
      Atomics.store(this.#flags, i, 0);
      this.#ports[i]!.postMessage({ type: 'run', job } satisfies ShardRequest);
    });
    this.#started = jobs.length;
  }

  wait(): Float32Array[] {
    const out: Float32Array[] = [];
    const errors: string[] = [];
    for (let i = 0; i < this.#started; i++) {
      if (Atomics.wait(this.#flags, i, 0, SHARD_TIMEOUT_MS) === 'timed-out') {
        errors.push(`shard worker ${i} did not answer within ${SHARD_TIMEOUT_MS} ms`);
        continue;
      }
      const m = receiveMessageOnPort(this.#ports[i]!)?.message as ShardResponse | undefined;
      if (m?.type === 'result') out.push(m.returns);
      else errors.push(m?.type === 'error' ? m.message : 'shard worker gave no result');
    }
    this.#started = 0;
    if (errors.length > 0) throw new Error(errors.join('; '));
    return out;
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const port of this.#ports) {
      port.postMessage({ type: 'close' } satisfies ShardRequest);
      port.close();
    }
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}
