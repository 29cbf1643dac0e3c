/**
 * What a `learn` runner (in process or through a server) tells the command as it goes; the
 * command turns it into the progress display.
 * @module
 */
import type { LearnOptions } from './args.ts';
import type { EpisodeRow } from './report.ts';

/** Callbacks of a running `learn`. */
export interface LearnEvents {
  /** Env steps done so far. */
  onSteps(done: number): void;
  /** A learning episode ended. */
  onEpisode(episode: EpisodeRow): void;
  /** A refit produced this model version. */
  onVersion(version: number): void;
  /** The learning is over (evaluation may follow). */
  onLearnEnd(): void;
  /** Evaluation episode `index` (of `total`) ended. */
  onEvalEpisode(index: number, total: number, ret: number): void;
  /** A line worth showing (where the agent lives, what was created). */
  onInfo(text: string): void;
}

/** The learn job's request fields for the command's options (fields not given are left out). */
export function learnJobParams(options: LearnOptions): Record<string, number> {
  return {
    steps: options.steps,
    seed: options.seed,
    ...(options.warmup !== undefined ? { warmup_steps: options.warmup } : {}),
    ...(options.refitEvery !== undefined ? { refit_every: options.refitEvery } : {}),
    ...(options.checkpointEvery !== undefined ? { checkpoint_every: options.checkpointEvery } : {}),
  };
}

/** Messages of the learn jobs' `log` events that announce a new version (MPC, SAC). */
const VERSION_MESSAGES = new Set(['refit', 'checkpoint-version']);

/**
 * A learn job's `progress` and `log` events, as the job handler emits them (in process) or the
 * server relays them, turned into {@link LearnEvents}.
 */
export function learnJobSink(events: LearnEvents) {
  return {
    progress(data: { done?: unknown }): void {
      if (typeof data.done === 'number') events.onSteps(data.done);
    },
    log(message: string, data: Record<string, unknown> | undefined): void {
      if (message === 'episode' && data) events.onEpisode(data as unknown as EpisodeRow);
      else if (VERSION_MESSAGES.has(message) && typeof data?.version === 'number')
        events.onVersion(data.version);
    },
  };
}

/** The agent in a few words for the progress lines: its type, preset and, for MPC, its planner. */
export function describeAgent(agent: {
  type: string;
  preset: string;
  config: { planner?: { type: string } };
}): string {
  const planner = agent.config.planner ? `, planner ${agent.config.planner.type}` : '';
  return `${agent.type}, preset ${agent.preset}${planner}`;
}
