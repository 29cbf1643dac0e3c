/**
 * The code that runs inside a job's worker thread (loaded by worker-bootstrap.mjs): imports the
 * handler module, calls its `run(ctx)`, and forwards progress, logs and checkpoints to the
 * runner's thread, which persists them. It writes no files itself, so a job that lost its lease
 * can be silenced from the runner's side alone.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { JobAbortedError } from './errors.ts';
import type { JobContext, Json } from './types.ts';
import type { RunnerMessage, WorkerInput, WorkerMessage } from './worker-protocol.ts';

const input = workerData as WorkerInput;
const port = parentPort!;
const controller = new AbortController();
const pendingCheckpoints = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
let nextCheckpointId = 1;

function post(message: WorkerMessage): void {
  port.postMessage(message);
}

port.on('message', (message: RunnerMessage) => {
  if (message.type === 'abort') {
    controller.abort(new JobAbortedError(message.reason));
  } else if (message.type === 'checkpoint-saved') {
    const pending = pendingCheckpoints.get(message.id);
    pendingCheckpoints.delete(message.id);
    if (message.error === undefined) pending?.resolve();
    else pending?.reject(new Error(`checkpoint not saved: ${message.error}`));
  }
});

/** A JSON copy of `value` (undefined becomes null); throws for what JSON cannot hold (bigint). */
function toJson(value: unknown): Json {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as Json);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const ctx: JobContext = {
  job_id: input.job_id,
  params: input.params,
  environment: input.environment,
  ...(input.checkpoint ? { checkpoint: input.checkpoint } : {}),
  signal: controller.signal,
  progress(data) {
    // Handlers that never look at the signal still stop at their next progress report.
    controller.signal.throwIfAborted();
    post({ type: 'progress', data: toJson(data) as typeof data });
  },
  log(message, data) {
    post({ type: 'log', message: String(message), ...(data === undefined ? {} : { data: toJson(data) }) });
  },
  saveCheckpoint(bytes) {
    const id = nextCheckpointId++;
    return new Promise((resolve, reject) => {
      pendingCheckpoints.set(id, { resolve, reject });
      post({ type: 'checkpoint', id, bytes: new Uint8Array(bytes) });
    });
  },
};

async function main(): Promise<WorkerMessage> {
  let run: unknown;
  try {
    ({ run } = (await import(input.handler_url)) as { run?: unknown });
  } catch (err) {
    return { type: 'failure', message: `cannot load job handler ${input.handler_url}: ${messageOf(err)}` };
  }
  if (typeof run !== 'function') {
    return { type: 'failure', message: `job handler ${input.handler_url} exports no run function` };
  }
  try {
    return { type: 'result', result: toJson(await run(ctx)) };
  } catch (err) {
    return { type: 'failure', message: messageOf(err) };
  }
}

// The runner terminates the thread once it has the final message (handlers may leave timers).
post(await main());
