/**
 * MPC's `learn` job: the model-based RL loop on a served env (see ../learn-loop.ts). Events: a
 * `progress` every 25 env steps, a `log` per episode (`episode`: the learning curve) and per refit
 * (`refit`); a checkpoint after every refit, from which a restarted job resumes.
 * @module
 */
import type { AgentJobHandler } from '../../family.ts';
import { episodeEnv } from '../../jobs/job-env.ts';
import { type LearnProgress, runLearnLoop } from '../learn-loop.ts';
import type { MpcRecord } from '../record.ts';

/** See the module doc. */
export const learn: AgentJobHandler = async (ctx, job) => {
  const { def, record: r } = await episodeEnv(job);
  const record = r as MpcRecord;
  const p = job.params as {
    steps: number;
    warmup_steps?: number;
    refit_every?: number;
    seed?: number;
    max_episode_steps?: number;
  };
  const resume = ctx.checkpoint
    ? (JSON.parse(new TextDecoder().decode(ctx.checkpoint)) as LearnProgress)
    : undefined;
  if (resume)
    ctx.log('resuming', { steps: resume.steps, episodes: resume.episodes.length, version: resume.version });
  const settings = {
    steps: p.steps,
    warmupSteps: p.warmup_steps ?? 200,
    refitEvery: p.refit_every ?? 200,
    seed: p.seed ?? 0,
    ...(p.max_episode_steps !== undefined ? { maxEpisodeSteps: p.max_episode_steps } : {}),
  };
  const progress = await runLearnLoop(
    job.store,
    job.reader,
    def,
    record,
    settings,
    {
      onStep: (steps) => {
        if (steps % 25 === 0 || steps === settings.steps)
          ctx.progress({ done: steps, total: settings.steps });
        else ctx.signal.throwIfAborted();
      },
      onEpisode: (e) => ctx.log('episode', { ...e }),
      onRefit: (r) => ctx.log('refit', { ...r }),
      onCheckpoint: (state) => ctx.saveCheckpoint(new TextEncoder().encode(JSON.stringify(state))),
    },
    resume,
  );
  const returns = progress.episodes.map((e) => e.return);
  const planned = progress.episodes.filter((e) => !e.random).map((e) => e.return);
  return {
    steps: progress.steps,
    version: progress.version,
    episodes: progress.episodes.length,
    returns,
    best_return: planned.length > 0 ? Math.max(...planned) : null,
  };
};
