/**
 * MPC's `train` job: fits the agent's model (and terminal value) on all its transitions; progress
 * per epoch; the result names the new version. A resumed train job simply fits again (an epoch is
 * cheap to redo).
 * @module
 */
import type { AgentJobHandler } from '../../family.ts';
import { fitAgentModel } from '../fit.ts';
import type { MpcRecord } from '../record.ts';

/** See the module doc. */
export const train: AgentJobHandler = async (ctx, job) => {
  const record = job.record as MpcRecord;
  const training = (job.params.training ?? {}) as Record<string, number>;
  const epochs = training.epochs ?? record.config.training.epochs;
  const value = record.config.value;
  // The terminal value's rounds follow the dynamics' epochs on the same progress bar.
  const total = epochs + (value ? value.rounds * value.epochs : 0);
  const fit = await fitAgentModel(job.store, job.reader, record, {
    training,
    ...(typeof job.params.seed === 'number' ? { seed: job.params.seed } : {}),
    onEpoch: (stats) =>
      ctx.progress({
        done: stats.epoch + 1,
        total,
        train_loss: stats.trainLoss,
        validation_mse: mean(stats.valMse),
      }),
    onValueEpoch: (stats) =>
      ctx.progress({
        done: epochs + stats.round * value!.epochs + stats.epoch + 1,
        total,
        value_train_loss: stats.trainLoss,
        value_validation_mse: mean(stats.valMse),
      }),
  });
  return {
    version: fit.version,
    transitions: fit.transitions,
    epochs: fit.epochs,
    validation_mse: fit.validationMse,
    elites: fit.elites,
    ...(fit.value
      ? { value: { validation_mse: fit.value.validationMse, mean_target: fit.value.meanTarget } }
      : {}),
  };
};

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
