/**
 * Episodes of a served env driven by an MPC policy (or random actions), in process: the building
 * block of the server-side learning loop and of evaluation. The generic rollout runner
 * (src/experience/rollout.ts) steps the env with Gymnasium's semantics (seeds, TimeLimit,
 * tasks); this adapts the planner to its `Policy`, carrying the plan context from step to step.
 * @module
 */

import type { EnvDefinition } from '../../envs/env.ts';
import { envInstance } from '../../envs/instance.ts';
import type { Policy } from '../../experience/policy.ts';
import { randomPolicy } from '../../experience/policy.ts';
import type { TransitionRecorder } from '../../experience/recorder.ts';
import { runRollout } from '../../experience/rollout.ts';
import type { PlanContext } from '../../planners/planner.ts';
import type { AgentRecord } from '../record.ts';
import { envAction } from '../spaces.ts';
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

/**
 * The planner as a rollout policy for one episode: step `k` plans with seed
 * `episodeSeed * 100003 + k` and the context the previous plan returned.
 */
export function planningPolicy(policy: MpcPolicy, record: AgentRecord, episodeSeed: number): Policy {
  let context: PlanContext | undefined;
  let steps = 0;
  return {
    act(obs) {
      const plan = policy.plan(obs, { seed: episodeSeed * 100_003 + steps, ...(context ? { context } : {}) });
      context = plan.context;
      steps++;
      return envAction(record.action_space, plan.action);
    },
  };
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
      ? planningPolicy(options.policy, record, options.seed)
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
