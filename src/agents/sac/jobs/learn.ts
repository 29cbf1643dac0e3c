/**
 * SAC's `learn` job: the off-policy loop on a served env with the SAC learner (../learner.ts).
 * Events: a `progress` every 25 env steps, a `log` per episode (`episode`: the learning curve,
 * with the last update's losses and entropy coefficient) and per checkpoint (`checkpoint-version`).
 * A checkpoint (msgpack: the loop's progress, the replay buffer, the update generator and count;
 * the networks and optimisers are in the version it names) follows every new version, and a
 * restarted job resumes from it with the same result, bit for bit, as a run never interrupted.
 * @module
 */

import { packMsgpack, unpackMsgpack } from '../../../wire/msgpack.ts';
import type { AgentJobHandler } from '../../family.ts';
import { episodeEnv } from '../../jobs/job-env.ts';
import type { LoopProgress } from '../../loops/off-policy.ts';
import { runOffPolicyLoop } from '../../loops/off-policy.ts';
import { loadVersion } from '../../versions.ts';
import { SacLearner } from '../learner.ts';
import type { SacRecord } from '../record.ts';
import { SacTrainer, type SacTrainerState, updateRng } from '../trainer.ts';

const CHECKPOINT_FORMAT = 'modelgym.sac-learn';

/** A learn job's checkpoint. */
interface SacCheckpoint {
  format: typeof CHECKPOINT_FORMAT;
  progress: LoopProgress;
  trainer: SacTrainerState;
}

/** Default env steps between checkpoints. */
export const CHECKPOINT_EVERY = 1000;

/** See the module doc. */
export const learn: AgentJobHandler = async (ctx, job) => {
  const { def, record: r } = await episodeEnv(job);
  const record = r as SacRecord;
  const p = job.params as {
    steps: number;
    warmup_steps?: number;
    checkpoint_every?: number;
    seed?: number;
    max_episode_steps?: number;
  };
  const seed = p.seed ?? 0;
  const resume = ctx.checkpoint ? (unpackMsgpack(ctx.checkpoint) as SacCheckpoint) : undefined;
  if (resume && resume.format !== CHECKPOINT_FORMAT)
    throw new Error('the checkpoint is not a SAC learn checkpoint');
  const progress: LoopProgress = resume?.progress ?? {
    steps: 0,
    episodes: [],
    version: (await loadVersion(job.store, record.id))?.version ?? 0,
    sinceUpdate: 0,
  };
  if (resume)
    ctx.log('resuming', {
      steps: progress.steps,
      episodes: progress.episodes.length,
      version: progress.version,
    });
  const start = progress.version > 0 ? await loadVersion(job.store, record.id, progress.version) : undefined;
  const trainer = await SacTrainer.open(record, start, updateRng(seed), resume?.trainer);
  const learner = new SacLearner(
    job.store,
    job.reader,
    trainer,
    {
      learningStarts: p.warmup_steps ?? record.config.learning_starts,
      checkpointEvery: p.checkpoint_every ?? CHECKPOINT_EVERY,
    },
    progress.steps,
    progress.version,
  );
  try {
    const done = await runOffPolicyLoop(
      def,
      record,
      learner,
      {
        steps: p.steps,
        seed,
        ...(p.max_episode_steps !== undefined ? { maxEpisodeSteps: p.max_episode_steps } : {}),
      },
      progress,
      {
        onStep: (steps) => {
          if (steps % 25 === 0 || steps === p.steps) ctx.progress({ done: steps, total: p.steps });
          else ctx.signal.throwIfAborted();
        },
        onEpisode: (e) =>
          ctx.log('episode', {
            ...e,
            updates: trainer.updates,
            ...(learner.stats
              ? {
                  critic_loss: learner.stats.criticLoss,
                  actor_loss: learner.stats.actorLoss,
                  ent_coef: learner.stats.entCoef,
                }
              : {}),
          }),
        onCheckpoint: async (state) => {
          ctx.log('checkpoint-version', {
            version: state.version,
            steps: state.steps,
            updates: trainer.updates,
          });
          const checkpoint: SacCheckpoint = {
            format: CHECKPOINT_FORMAT,
            progress: state,
            trainer: trainer.state(),
          };
          await ctx.saveCheckpoint(packMsgpack(checkpoint));
        },
      },
    );
    const returns = done.episodes.map((e) => e.return);
    return {
      steps: done.steps,
      version: learner.version,
      episodes: done.episodes.length,
      updates: trainer.updates,
      returns,
      best_return: returns.length > 0 ? Math.max(...returns) : null,
    };
  } finally {
    trainer.dispose();
  }
};
