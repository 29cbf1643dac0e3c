/**
 * Starts one job in a worker thread and reduces everything that can end it (a result, a thrown
 * error, an uncaught exception, `process.exit` inside the worker, termination) to one outcome.
 * A crashing worker never takes the runner's process down: its errors arrive as events here.
 * @module
 */
import { Worker } from 'node:worker_threads';
import type { AbortReason } from './errors.ts';
import type { Json } from './types.ts';
import type { RunnerMessage, WorkerInput, WorkerMessage } from './worker-protocol.ts';

/** How a worker ended: with the handler's JSON result, or with an error message. */
export type WorkerOutcome = { ok: true; result: Json } | { ok: false; message: string };

/** Messages other than the final one, with a way to answer (checkpoint acknowledgements). */
export type WorkerListener = (message: WorkerMessage, reply: (message: RunnerMessage) => void) => void;

/** A running worker. */
export interface WorkerHandle {
  /** Settles once, when the worker has ended (the thread is then terminated). */
  readonly outcome: Promise<WorkerOutcome>;
  /** True once `outcome` has settled. */
  readonly settled: boolean;
  /** Aborts the handler's `ctx.signal`. */
  abort(reason: AbortReason): void;
  /** Stops the thread now; `outcome` becomes a failure unless it had already settled. */
  terminate(): Promise<void>;
}

const bootstrapUrl = new URL('./worker-bootstrap.mjs', import.meta.url);

/** Runs `input.handler_url`'s `run` in a new worker thread. */
export function spawnJobWorker(input: WorkerInput, listener: WorkerListener): WorkerHandle {
  // execArgv is inherited (the default), so options such as --conditions match the parent.
  const worker = new Worker(bootstrapUrl, { workerData: input });
  const reply = (message: RunnerMessage) => {
    if (!handle.settled) worker.postMessage(message);
  };
  let settle!: (outcome: WorkerOutcome) => void;
  const handle = {
    settled: false,
    outcome: new Promise<WorkerOutcome>((resolve) => {
      settle = (outcome) => {
        if (handle.settled) return;
        handle.settled = true;
        resolve(outcome);
        void worker.terminate();
      };
    }),
    abort(reason: AbortReason) {
      reply({ type: 'abort', reason });
    },
    async terminate() {
      settle({ ok: false, message: 'worker terminated' });
      await worker.terminate();
    },
  };
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'result') settle({ ok: true, result: message.result });
    else if (message.type === 'failure') settle({ ok: false, message: message.message });
    else if (!handle.settled) listener(message, reply);
  });
  worker.on('error', (err) => settle({ ok: false, message: `worker crashed: ${err.message}` }));
  worker.on('exit', (code) =>
    settle({ ok: false, message: `worker exited with code ${code} before finishing` }),
  );
  return handle;
}
