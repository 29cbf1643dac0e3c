/**
 * Worker thread of a {@link ShardPool}: rebuilds the evaluator from its spec on the tensor
 * backend the parent uses, then scores shards as they come. Each result is posted on the port
 * first and then signalled through the shared flag, so the parent, blocked in `Atomics.wait`,
 * can take it with `receiveMessageOnPort` without running its event loop.
 * @module
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import { initTensorBackend } from '../../tensor/backend.ts';
import { FastNormal } from '../fast-normal.ts';
import { type BuiltEvaluator, buildEvaluator } from '../spec.ts';
import type { ShardRequest, ShardResponse, ShardWorkerData } from './protocol.ts';

const { port, flags, index } = workerData as ShardWorkerData & { port: MessagePort };
let built: BuiltEvaluator | undefined;

function reply(message: ShardResponse, signal: boolean) {
  port.postMessage(message);
  if (signal) {
    Atomics.store(flags, index, 1);
    Atomics.notify(flags, index);
  }
}

port.on('message', async (message: ShardRequest) => {
  if (message.type === 'init') {
    try {
      await initTensorBackend({ force: message.backend });
      built = await buildEvaluator(message.spec);
      reply({ type: 'ready' }, false);
    } catch (err) {
      reply({ type: 'error', message: (err as Error).message }, false);
    }
    return;
  }
  if (message.type === 'close') {
    built?.dispose();
    port.close();
    return;
  }
  try {
    if (!built) throw new Error('shard worker used before init');
    const { obs, actions, population, noise } = message.job;
    const returns = built.evaluator.from(obs, new FastNormal(noise))(actions, population);
    reply({ type: 'result', returns }, true);
  } catch (err) {
    reply({ type: 'error', message: (err as Error).message }, true);
  }
});
