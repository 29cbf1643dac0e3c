/**
 * The model-based RL loop on a served env (PETS's outer loop): random episodes until
 * `warmupSteps` steps are collected, then MPC episodes with the latest model. At every episode's
 * end, once `refitEvery` steps have passed since the last fit (or the warm-up just ended), the
 * new transitions are appended to the agent's data and the model is refitted (a new version).
 * Episode k starts from seed `seed + k`. The stored rows carry `terminated` and `truncated` (the
 * TimeLimit's, and the step budget or `maxEpisodeSteps` cutting an episode). Resumable: after
 * every refit the loop reports its progress as a checkpoint; given it back, it continues with the
 * next episode.
 * @module
 */
import type { EnvDefinition } from '../../envs/env.ts';
import { type TransitionReader, transitionStream } from '../../experience/reader.ts';
import { TransitionRecorder } from '../../experience/recorder.ts';
import { encodeSegment } from '../../experience/segments.ts';
import { actionRowWidth } from '../../models/layout.ts';
import type { Store } from '../../store/store.ts';
import { loadVersion } from '../versions.ts';
import { type EpisodeSummary, runEpisode } from './episodes.ts';
import { fitAgentModel } from './fit.ts';
import { MpcPolicy } from './policy.ts';
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
export interface LearnEpisode extends EpisodeSummary {
  index: number;
  /** Env steps of the run after this episode. */
  steps: number;
  /** Whether its actions were random (warm-up). */
  random: boolean;
  /** The model version that planned it (0 for random episodes). */
  version: number;
}

/** Where a run is; also its checkpoint. */
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
  onRefit?(refit: {
    version: number;
    transitions: number;
    validationMse: number[];
    epochs: number;
    /** The terminal value's fit, when the agent has one. */
    value?: { validationMse: number[]; meanTarget: number };
  }): void;
  onCheckpoint?(progress: LearnProgress): Promise<void>;
}

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
  const progress: LearnProgress = resume ?? {
    steps: 0,
    episodes: [],
    version: (await loadVersion(store, record.id))?.version ?? 0,
    sinceRefit: 0,
  };
  const buffer = new TransitionRecorder();
  const width = actionRowWidth(record.layout);
  let policy: MpcPolicy | null = null;
  const usePolicy = async (version: number) => {
    await policy?.dispose();
    policy = await MpcPolicy.build(record, (await loadVersion(store, record.id, version))!);
  };
  try {
    if (progress.version > 0 && progress.steps >= settings.warmupSteps) await usePolicy(progress.version);
    while (progress.steps < settings.steps) {
      const current = policy as MpcPolicy | null;
      const start = progress.steps;
      const summary = runEpisode(def, record, {
        seed: settings.seed + progress.episodes.length,
        policy: current,
        maxSteps: Math.min(settings.steps - start, settings.maxEpisodeSteps ?? Number.POSITIVE_INFINITY),
        buffer,
        onStep: (n) => hooks.onStep?.(start + n),
      });
      progress.steps += summary.length;
      progress.sinceRefit += summary.length;
      const episode: LearnEpisode = {
        ...summary,
        index: progress.episodes.length,
        steps: progress.steps,
        random: current === null,
        version: current?.version ?? 0,
      };
      progress.episodes.push(episode);
      hooks.onEpisode?.(episode);
      const warmupDone = current === null && progress.steps >= settings.warmupSteps;
      const due = current !== null && progress.sinceRefit >= settings.refitEvery;
      if ((warmupDone || due) && progress.steps < settings.steps) {
        await store.appendSegment(
          transitionStream(record.id),
          encodeSegment(buffer.drain(), record.layout.obsDim, width),
        );
        const fit = await fitAgentModel(store, reader, record);
        progress.version = fit.version;
        progress.sinceRefit = 0;
        hooks.onRefit?.({
          version: fit.version,
          transitions: fit.transitions,
          validationMse: fit.validationMse,
          epochs: fit.epochs,
          ...(fit.value ? { value: fit.value } : {}),
        });
        await usePolicy(fit.version);
        await hooks.onCheckpoint?.(structuredClone(progress));
      }
    }
    if (buffer.n > 0) {
      await store.appendSegment(
        transitionStream(record.id),
        encodeSegment(buffer.drain(), record.layout.obsDim, width),
      );
    }
  } finally {
    await (policy as MpcPolicy | null)?.dispose();
  }
  return progress;
}
