/**
 * Evaluation of any agent: episodes of a served env from given seeds, acted by one version's
 * {@link AgentPolicy}, with every return and length. The evaluate job and the CLI's `learn`
 * share it, so both report the same numbers for the same version and seeds.
 * @module
 */
import type { EnvDefinition } from '../envs/env.ts';
import type { Policy } from '../experience/policy.ts';
import { type RolloutSummary, runRollout } from '../experience/rollout.ts';
import type { AgentPolicy } from './family.ts';
import type { AgentRecord } from './record.ts';
import { envAction } from './spaces.ts';

/** One evaluation episode. */
export interface EvaluationEpisode {
  seed: number;
  return: number;
  length: number;
  terminated: boolean;
}

/** What {@link evaluateAgent} reports. */
export interface Evaluation {
  version: number;
  episodes: EvaluationEpisode[];
  returns: number[];
  mean: number;
  std: number;
}

/** Options of {@link evaluateAgent}. */
export interface EvaluationOptions {
  seeds: readonly number[];
  /** Cut each episode after this many steps. */
  maxSteps?: number;
  /** Called after every episode (throw to stop). */
  onEpisode?(episode: EvaluationEpisode, done: number): void;
  /** Called after every step (throw to stop). */
  onStep?(): void;
}

/**
 * An agent policy as a rollout policy for one episode: step `k` acts with seed
 * `episodeSeed * 100003 + k` and the context the previous step returned, so an episode is
 * reproducible from its seed alone.
 */
export function episodePolicy(policy: AgentPolicy, record: AgentRecord, episodeSeed: number): Policy {
  let context: Uint8Array | undefined;
  let steps = 0;
  return {
    act(obs) {
      const answer = policy.act(obs, {
        seed: episodeSeed * 100_003 + steps,
        ...(context ? { context } : {}),
      });
      context = answer.context;
      steps++;
      return envAction(record.action_space, answer.action);
    },
  };
}

/** Runs the evaluation episodes of `policy` on `def` (the agent's kwargs and task). */
export function evaluateAgent(
  def: EnvDefinition,
  record: AgentRecord,
  policy: AgentPolicy,
  options: EvaluationOptions,
): Evaluation {
  const task = record.env?.task;
  const episodes: EvaluationEpisode[] = [];
  for (const seed of options.seeds) {
    const e: RolloutSummary = runRollout(def, {
      seed,
      kwargs: record.env?.kwargs ?? {},
      ...(task !== undefined ? { resetOptions: { task } } : {}),
      policy: episodePolicy(policy, record, seed),
      ...(options.maxSteps !== undefined ? { maxSteps: options.maxSteps } : {}),
      ...(options.onStep ? { onStep: () => options.onStep!() } : {}),
    });
    const episode = { seed, return: e.return, length: e.length, terminated: e.terminated };
    episodes.push(episode);
    options.onEpisode?.(episode, episodes.length);
  }
  const returns = episodes.map((e) => e.return);
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
  const std = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / returns.length);
  return { version: policy.version, episodes, returns, mean, std };
}
