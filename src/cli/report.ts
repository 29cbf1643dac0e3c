/**
 * What a `learn` run reports, whichever way it ran (in process or through a server), and the
 * summary figures drawn from it. Plain data: the table and `--json` print it.
 * @module
 */

/** One episode of the learning run (the `episode` log event's fields). */
export interface EpisodeRow {
  index: number;
  /** Random actions (warm-up) or the agent's policy. */
  random: boolean;
  /** The version that acted (0 for random episodes). */
  version: number;
  /** Env steps of the run after this episode. */
  steps: number;
  return: number;
  length: number;
  seed?: number;
  terminated?: boolean;
}

/** Evaluation episodes after learning. */
export interface EvaluationReport {
  version: number;
  seeds: number[];
  returns: number[];
  lengths: number[];
  mean: number;
  std: number;
  wallMs: number;
}

/** A finished `learn` run. */
export interface LearnReport {
  mode: 'in-process' | 'server';
  env: string;
  agentId: string;
  /** The agent type (`mpc`, `sac`). */
  agent: string;
  preset: string;
  /** In process: where the agent is stored. */
  dataDir?: string;
  /** Server mode: the server and the learn job. */
  url?: string;
  jobId?: string;
  /** Env steps taken. */
  steps: number;
  /** The latest model version. */
  version: number;
  episodes: EpisodeRow[];
  /** Wall-clock of the learning (evaluation excluded). */
  wallMs: number;
  evaluation?: EvaluationReport;
}

/** Figures below the table. */
export interface LearnSummary {
  /** Best episode acted by the agent's policy (null when every episode was random). */
  best: { index: number; return: number } | null;
  /** Mean return of the last 3 episodes (fewer when the run had fewer; null when none). */
  meanLast3: number | null;
  wallMs: number;
  /** Wall-clock per env step (null before any step). */
  msPerStep: number | null;
}

/** The summary of a run. */
export function summarize(report: LearnReport): LearnSummary {
  let best: LearnSummary['best'] = null;
  for (const e of report.episodes) {
    if (!e.random && (best === null || e.return > best.return)) best = { index: e.index, return: e.return };
  }
  const last = report.episodes.slice(-3);
  return {
    best,
    meanLast3: last.length === 0 ? null : last.reduce((a, e) => a + e.return, 0) / last.length,
    wallMs: report.wallMs,
    msPerStep: report.steps > 0 ? report.wallMs / report.steps : null,
  };
}

/** Mean and (population) standard deviation. */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  if (values.length === 0) return { mean: Number.NaN, std: Number.NaN };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
  return { mean, std };
}
