/**
 * Typed loader for test/fixtures/classic-control-vectors.json (written by
 * scripts/gen-classic-vectors.py from Gymnasium 1.x's dynamics under numpy 1.24). Test-only.
 * @module
 */
import { readFileSync } from 'node:fs';

/** One recorded `step`: the state it started from, the action, and Gymnasium's outputs. */
export interface RecordedStep {
  /** Physical state before the step (float64 values). */
  state: number[];
  /** Discrete: an integer; Box: the float32 components as exact doubles. */
  action: number | number[];
  obs: number[];
  reward: number;
  terminated: boolean;
}

/** One episode: `reset(seed, options)` on `make(id, **kwargs)`, then steps until termination or the cap. */
export interface RecordedEpisode {
  seed: number;
  kwargs: Record<string, unknown>;
  options: Record<string, unknown> | null;
  /** `random`: actions from default_rng(1000 + seed); `goal`: a swing-up heuristic. */
  policy: 'random' | 'goal';
  reset_obs: number[];
  reset_state: number[];
  steps: RecordedStep[];
  final_state: number[];
  /** `reset()` without a seed right after the episode (the generator continues). */
  second_reset?: { obs: number[]; state: number[] };
}

export interface ClassicControlVectors {
  generator: { numpy: string; float64_trig: string; float32_trig: string };
  envs: Record<string, RecordedEpisode[]>;
}

/** Reads the fixture (resolved from this file, so the test runs from any working directory). */
export function loadClassicControlVectors(): ClassicControlVectors {
  const url = new URL('../fixtures/classic-control-vectors.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as ClassicControlVectors;
}
