/**
 * Single episodes of a served env driven by an MPC policy (or random actions), in process, with
 * their rows recorded (the agents benchmark runs them). The generic rollout runner
 * (src/experience/rollout.ts) steps the env with Gymnasium's semantics (seeds, TimeLimit, tasks);
 * the planner acts through its agent policy as evaluation does (../evaluation.ts).
 * @module
 */

import type { EnvDefinition } from '../../envs/env.ts';
import { envInstance } from '../../envs/instance.ts';
import { randomPolicy } from '../../experience/policy.ts';
import type { TransitionRecorder } from '../../experience/recorder.ts';
import { runRollout } from '../../experience/rollout.ts';
import { episodePolicy } from '../evaluation.ts';
import type { AgentRecord } from '../record.ts';
import { MpcAgentPolicy } from './agent-policy.ts';
import type { MpcPolicy } from './policy.ts';

/** One finished episode. */
export interface EpisodeSummary {
  seed: number;
  return: number;
  length: number;
  terminated: boolean;
}

/** Options of {@link runEpisode}. */
export interface EpisodeOptions {
  seed: number;
  /** null: uniformly random actions (seeded). */
  policy: MpcPolicy | null;
  maxSteps?: number;
  /** Rows go here as they happen (with `truncated`: the TimeLimit's, or `maxSteps` cutting the episode). */
  buffer?: TransitionRecorder;
  /** Called after every step with the steps taken so far in this episode (throw to stop). */
  onStep?(steps: number): void;
}

/** Runs one episode of `def` for the agent. */
export function runEpisode(def: EnvDefinition, record: AgentRecord, options: EpisodeOptions): EpisodeSummary {
  const kwargs = record.env?.kwargs ?? {};
  const task = record.env?.task;
  const summary = runRollout(def, {
    seed: options.seed,
    kwargs,
    ...(task !== undefined ? { resetOptions: { task } } : {}),
    policy: options.policy
      ? episodePolicy(new MpcAgentPolicy(options.policy), record, options.seed)
      : randomPolicy(envInstance(def, kwargs).actionSpace),
    ...(options.maxSteps !== undefined ? { maxSteps: options.maxSteps } : {}),
    ...(options.buffer ? { recorder: options.buffer } : {}),
    ...(options.onStep ? { onStep: options.onStep } : {}),
  });
  return {
    seed: summary.seed,
    return: summary.return,
    length: summary.length,
    terminated: summary.terminated,
  };
}
