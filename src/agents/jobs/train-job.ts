/**
 * Job `agent-train`: fits the agent's model on all its transitions; progress per epoch; the
 * result names the new version. A resumed train job simply fits again (an epoch is cheap to redo).
 * @module
 */
import type { JobContext } from '../../jobs/types.ts';
import { fitAgentModel } from '../mpc/fit.ts';
import { openAgentJob } from './job-env.ts';

export async function run(ctx: JobContext): Promise<unknown> {
  const job = await openAgentJob(ctx);
  const training = (job.params.training ?? {}) as Record<string, number>;
  const epochs = training.epochs ?? job.record.config.training.epochs;
  const fit = await fitAgentModel(job.store, job.reader, job.record, {
    training,
    ...(typeof job.params.seed === 'number' ? { seed: job.params.seed } : {}),
    onEpoch: (stats) =>
      ctx.progress({
        done: stats.epoch + 1,
        total: epochs,
        train_loss: stats.trainLoss,
        validation_mse: stats.valMse.reduce((a, b) => a + b, 0) / stats.valMse.length,
      }),
  });
  return {
    version: fit.version,
    transitions: fit.transitions,
    epochs: fit.epochs,
    validation_mse: fit.validationMse,
    elites: fit.elites,
  };
}
