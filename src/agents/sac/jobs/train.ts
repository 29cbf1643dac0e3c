/**
 * SAC's `train` job: `updates` gradient updates (default 1000) on the agent's stored transitions,
 * offline (the newest `buffer_size` rows form the replay buffer), from the latest version or a
 * fresh initialisation; progress every 50 updates; the result names the new version. A resumed
 * train job starts over (nothing is stored before its end).
 * @module
 */
import { transitionSchema } from '../../../experience/columns.ts';
import { AgentArgumentError } from '../../errors.ts';
import type { AgentJobHandler } from '../../family.ts';
import { loadVersion } from '../../versions.ts';
import type { SacRecord } from '../record.ts';
import { sacShape } from '../record.ts';
import { SacTrainer, updateRng } from '../trainer.ts';
import type { SacUpdateStats } from '../update.ts';

/** Updates of a train job that names none. */
export const DEFAULT_UPDATES = 1000;

/** See the module doc. */
export const train: AgentJobHandler = async (ctx, job) => {
  const record = job.record as SacRecord;
  const updates = (job.params.updates as number | undefined) ?? DEFAULT_UPDATES;
  const seed = (job.params.seed as number | undefined) ?? 0;
  const shape = sacShape(record);
  const data = await job.reader.load(
    record.id,
    transitionSchema({ obsDim: shape.obsDim, actionDim: shape.actionDim }),
  );
  if (data.n === 0) throw new AgentArgumentError('transitions', 'the agent has no transitions to train on');
  const trainer = await SacTrainer.open(record, await loadVersion(job.store, record.id), updateRng(seed));
  try {
    trainer.replay.add(data);
    let stats: SacUpdateStats | undefined;
    for (let u = 1; u <= updates; u++) {
      stats = trainer.update();
      if (u % 50 === 0 || u === updates)
        ctx.progress({
          done: u,
          total: updates,
          critic_loss: stats.criticLoss,
          actor_loss: stats.actorLoss,
          ent_coef: stats.entCoef,
        });
    }
    const version = await trainer.saveVersion(job.store, data.n);
    return { version, transitions: data.n, updates: trainer.updates, ent_coef: stats!.entCoef };
  } finally {
    trainer.dispose();
  }
};
