/**
 * MPC's server-side learning run: the off-policy loop (../loops/off-policy.ts) with the MPC
 * learner (learner.ts): random episodes for the warm-up, then MPC episodes, refitting every
 * `refitEvery` steps at an episode's end. Resumable: after every refit the run reports its
 * progress as a checkpoint; given it back, it continues with the next episode (the episodes it
 * had run after that checkpoint are run again: their rows were never stored).
 * @module
 */
import type { EnvDefinition } from '../../envs/env.ts';
import type { TransitionReader } from '../../experience/reader.ts';
import type { Store } from '../../store/store.ts';
import { type LoopEpisode, type LoopProgress, runOffPolicyLoop } from '../loops/off-policy.ts';
import { loadVersion } from '../versions.ts';
import type { EpisodeSummary } from './episodes.ts';
import { MpcLearner, type MpcRefit } from './learner.ts';
import type { MpcRecord } from './record.ts';

/** Settings of one learning run. */
export interface LearnSettings {
  /** Env steps in all (the last episode is cut at this count). */
  steps: number;
  warmupSteps: number;
  refitEvery: number;
  seed: number;
  maxEpisodeSteps?: number;
}

/** An episode of the run. */
export interface LearnEpisode extends EpisodeSummary, LoopEpisode {}

/** Where a run is; also its checkpoint (JSON; the field names are those of stored checkpoints). */
export interface LearnProgress {
  steps: number;
  episodes: LearnEpisode[];
  version: number;
  /** Steps since the last refit. */
  sinceRefit: number;
}

/** Callbacks of a run (each may throw to stop it, e.g. on cancel). */
export interface LearnHooks {
  onEpisode?(episode: LearnEpisode): void;
  onStep?(steps: number): void;
  onRefit?(refit: MpcRefit): void;
  onCheckpoint?(progress: LearnProgress): Promise<void>;
}

const toLearn = ({ sinceUpdate, ...rest }: LoopProgress): LearnProgress => ({
  ...rest,
  sinceRefit: sinceUpdate,
});

/** Runs (or resumes) the loop; resolves with the final progress. */
export async function runLearnLoop(
  store: Store,
  reader: TransitionReader,
  def: EnvDefinition,
  record: MpcRecord,
  settings: LearnSettings,
  hooks: LearnHooks = {},
  resume?: LearnProgress,
): Promise<LearnProgress> {
  const start: LoopProgress = resume
    ? {
        steps: resume.steps,
        episodes: resume.episodes,
        version: resume.version,
        sinceUpdate: resume.sinceRefit,
      }
    : {
        steps: 0,
        episodes: [],
        version: (await loadVersion(store, record.id))?.version ?? 0,
        sinceUpdate: 0,
      };
  const learner = await MpcLearner.open(store, reader, record, settings, start, (r) => hooks.onRefit?.(r));
  try {
    const done = await runOffPolicyLoop(
      def,
      record,
      learner,
      {
        steps: settings.steps,
        seed: settings.seed,
        ...(settings.maxEpisodeSteps !== undefined ? { maxEpisodeSteps: settings.maxEpisodeSteps } : {}),
      },
      start,
      {
        ...(hooks.onEpisode ? { onEpisode: (e: LoopEpisode) => hooks.onEpisode!(e) } : {}),
        ...(hooks.onStep ? { onStep: (n: number) => hooks.onStep!(n) } : {}),
        ...(hooks.onCheckpoint ? { onCheckpoint: (p: LoopProgress) => hooks.onCheckpoint!(toLearn(p)) } : {}),
      },
    );
    return toLearn(done);
  } finally {
    await learner.dispose();
  }
}
