/**
 * MBPO's `learn` job: SAC's learn loop (../../sac/jobs/learn.ts) driving the MBPO trainer, which
 * refits the ensemble and rolls it out every `model_train_every` env steps (a `model-fit` log
 * each: its validation error, elites, rollout length, rows and times) and trains SAC on the mix
 * of env and model data. Checkpoints add the model buffer, so a killed job resumes bit for bit.
 * @module
 */
import type { AgentJobHandler } from '../../family.ts';
import { actorLearnJob } from '../../sac/jobs/learn.ts';
import type { MbpoRecord } from '../record.ts';
import { MbpoTrainer, type MbpoTrainerState } from '../trainer.ts';

/** See the module doc. */
export const learn: AgentJobHandler = actorLearnJob<MbpoTrainerState>({
  format: 'modelgym.mbpo-learn',
  family: 'MBPO',
  learningStarts: (record) => (record as MbpoRecord).config.sac.learning_starts,
  open: (record, version, rng, state, ctx) =>
    MbpoTrainer.open(record as MbpoRecord, version, rng, state, (fit) =>
      ctx.log('model-fit', {
        steps: fit.steps,
        epoch: fit.epoch,
        transitions: fit.transitions,
        epochs: fit.epochs,
        validation_mse: fit.validationMse,
        elites: fit.elites,
        rollout_length: fit.rolloutLength,
        rollout_rows: fit.rolloutRows,
        model_rows: fit.modelRows,
        fit_ms: Math.round(fit.fitMs),
        rollout_ms: Math.round(fit.rolloutMs),
      }),
    ),
});
