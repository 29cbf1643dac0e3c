/**
 * The off-policy learning loop on a served env, for any family: episodes acted by the learner's
 * current policy (uniformly random until the learner has one, e.g. during warm-up), each step
 * and episode handed to the learner (SAC: gradient updates per step; MPC: a refit when due), and
 * a checkpoint whenever the learner says its state moved on. Episode k starts from seed
 * `seed + k`; rows carry `terminated` and `truncated` (the TimeLimit's, and the step budget or
 * `maxEpisodeSteps` cutting an episode). Given its last checkpoint back, a run continues with
 * the next episode.
 * @module
 */
import type { EnvDefinition } from '../../envs/env.ts';
import { envInstance } from '../../envs/instance.ts';
import type { Transitions } from '../../experience/columns.ts';
import { type Policy, randomPolicy } from '../../experience/policy.ts';
import { TransitionRecorder } from '../../experience/recorder.ts';
import { type RolloutSummary, runRollout } from '../../experience/rollout.ts';
import type { AgentRecord } from '../record.ts';

/** Settings of one run. */
export interface LoopSettings {
  /** Env steps in all (the last episode is cut at this count). */
  steps: number;
  seed: number;
  maxEpisodeSteps?: number;
}

/** An episode of the run. */
export interface LoopEpisode {
  seed: number;
  return: number;
  length: number;
  terminated: boolean;
  index: number;
  /** Env steps of the run after this episode. */
  steps: number;
  /** Whether its actions were random (no policy yet). */
  random: boolean;
  /** The version that acted (0 for random episodes). */
  version: number;
}

/** Where a run is; the loop's part of a checkpoint. */
export interface LoopProgress {
  steps: number;
  episodes: LoopEpisode[];
  /** The learner's latest version. */
  version: number;
  /** Steps since the learner last moved on (e.g. the last refit). */
  sinceUpdate: number;
}

/** What a family plugs into the loop. */
export interface OffPolicyLearner {
  /** The policy for an episode starting from `seed` (null: random actions), and its version. */
  episodePolicy(seed: number): { policy: Policy; version: number } | null;
  /**
   * After every env step, with the run's step count and that step's transition (synchronous: it
   * runs inside the episode; SAC adds the row to its replay buffer and updates here).
   */
  afterStep?(steps: number, transition: Transitions): void;
  /**
   * After every episode with its rows; resolves true when the learner's state moved on (a new
   * version), which checkpoints the run. Not called for the last episode of a run.
   */
  afterEpisode(progress: LoopProgress, rows: Transitions): Promise<boolean>;
  /** At the end of the run, with the rows no `afterEpisode` took. */
  finish(rows: Transitions): Promise<void>;
}

/** Callbacks of a run (each may throw to stop it, e.g. on cancel). */
export interface LoopHooks {
  onEpisode?(episode: LoopEpisode): void;
  onStep?(steps: number): void;
  onCheckpoint?(progress: LoopProgress): Promise<void>;
}

/** Runs (or resumes) the loop; resolves with the final progress. */
export async function runOffPolicyLoop(
  def: EnvDefinition,
  record: AgentRecord,
  learner: OffPolicyLearner,
  settings: LoopSettings,
  start: LoopProgress,
  hooks: LoopHooks = {},
): Promise<LoopProgress> {
  const progress = start;
  const kwargs = record.env?.kwargs ?? {};
  const task = record.env?.task;
  const random = randomPolicy(envInstance(def, kwargs).actionSpace);
  const recorder = new TransitionRecorder();
  while (progress.steps < settings.steps) {
    const seed = settings.seed + progress.episodes.length;
    const acting = learner.episodePolicy(seed);
    const first = progress.steps;
    const summary: RolloutSummary = runRollout(def, {
      seed,
      kwargs,
      ...(task !== undefined ? { resetOptions: { task } } : {}),
      policy: acting?.policy ?? random,
      maxSteps: Math.min(settings.steps - first, settings.maxEpisodeSteps ?? Number.POSITIVE_INFINITY),
      recorder,
      onStep: (n) => {
        hooks.onStep?.(first + n);
        learner.afterStep?.(first + n, recorder.last());
      },
    });
    progress.steps += summary.length;
    progress.sinceUpdate += summary.length;
    const episode: LoopEpisode = {
      seed: summary.seed,
      return: summary.return,
      length: summary.length,
      terminated: summary.terminated,
      index: progress.episodes.length,
      steps: progress.steps,
      random: acting === null,
      version: acting?.version ?? 0,
    };
    progress.episodes.push(episode);
    hooks.onEpisode?.(episode);
    if (progress.steps < settings.steps && (await learner.afterEpisode(progress, recorder.drain()))) {
      progress.sinceUpdate = 0;
      await hooks.onCheckpoint?.(structuredClone(progress));
    }
  }
  await learner.finish(recorder.drain());
  return progress;
}
