/**
 * SAC's `learn` job: the off-policy loop on a served env with the SAC learner (../learner.ts).
 * Events: a `progress` every 25 env steps, a `log` per episode (`episode`: the learning curve,
 * with the last update's losses and entropy coefficient) and per checkpoint (`checkpoint-version`).
 * A checkpoint (msgpack: the loop's progress, the replay buffer, the update generator and count;
 * the networks and optimisers are in the version it names) follows every new version, and a
 * restarted job resumes from it with the same result, bit for bit, as a run never interrupted.
 * {@link actorLearnJob} builds the handler for any {@link ActorTrainer} (MBPO's too).
 * @module
 */

import type { JobContext } from '../../../jobs/types.ts';
import type { Generator } from '../../../rng/generator.ts';
import { packMsgpack, unpackMsgpack } from '../../../wire/msgpack.ts';
import type { AgentJobHandler } from '../../family.ts';
import { episodeEnv } from '../../jobs/job-env.ts';
import type { LoopProgress } from '../../loops/off-policy.ts';
import { runOffPolicyLoop } from '../../loops/off-policy.ts';
import type { AgentRecord } from '../../record.ts';
import type { LoadedVersion } from '../../versions.ts';
import { loadVersion } from '../../versions.ts';
import type { ActorTrainer } from '../learner.ts';
import { SacLearner } from '../learner.ts';
import type { SacRecord } from '../record.ts';
import { SacTrainer, type SacTrainerState, updateRng } from '../trainer.ts';

/** A learn job's checkpoint. */
interface Checkpoint<S> {
  format: string;
  progress: LoopProgress;
  trainer: S;
}

/** A trainer the learn job can checkpoint and free. */
export interface CheckpointedTrainer<S> extends ActorTrainer {
  /** The trainer's part of a checkpoint. */
  state(): S;
  dispose(): void;
}

/** What {@link actorLearnJob} needs of a family. */
export interface ActorLearnJobOptions<S> {
  /** The checkpoint's `format` (a checkpoint of another format is refused). */
  format: string;
  /** What the failure names (`SAC`, `MBPO`). */
  family: string;
  /** The config's random-action steps (a request's `warmup_steps` overrides them). */
  learningStarts(record: AgentRecord): number;
  /**
   * The trainer from `version` (fresh without one) and, on resume, the checkpoint's state; the
   * job's context lets it log (e.g. MBPO's model fits).
   */
  open(
    record: AgentRecord,
    version: LoadedVersion | undefined,
    rng: Generator,
    state: S | undefined,
    ctx: JobContext,
  ): Promise<CheckpointedTrainer<S>>;
}

/** Default env steps between checkpoints. */
export const CHECKPOINT_EVERY = 1000;

/** The learn job of an actor-critic family (see the module doc). */
export function actorLearnJob<S>(options: ActorLearnJobOptions<S>): AgentJobHandler {
  return async (ctx, job) => {
    const { def, record } = await episodeEnv(job);
    const p = job.params as {
      steps: number;
      warmup_steps?: number;
      checkpoint_every?: number;
      seed?: number;
      max_episode_steps?: number;
    };
    const seed = p.seed ?? 0;
    const resume = ctx.checkpoint ? (unpackMsgpack(ctx.checkpoint) as Checkpoint<S>) : undefined;
    if (resume && resume.format !== options.format)
      throw new Error(`the checkpoint is not a ${options.family} learn checkpoint`);
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
    const start =
      progress.version > 0 ? await loadVersion(job.store, record.id, progress.version) : undefined;
    const trainer = await options.open(record, start, updateRng(seed), resume?.trainer, ctx);
    const learner = new SacLearner(
      job.store,
      job.reader,
      trainer,
      {
        learningStarts: p.warmup_steps ?? options.learningStarts(record),
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
            const checkpoint: Checkpoint<S> = {
              format: options.format,
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
}

/** SAC's learn job. */
export const learn: AgentJobHandler = actorLearnJob<SacTrainerState>({
  format: 'modelgym.sac-learn',
  family: 'SAC',
  learningStarts: (record) => (record as SacRecord).config.learning_starts,
  open: (record, version, rng, state) => SacTrainer.open(record as SacRecord, version, rng, state),
});
