/**
 * What a `learn` runner (in process or through a server) tells the command as it goes; the
 * command turns it into the progress display.
 * @module
 */
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
