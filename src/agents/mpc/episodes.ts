/**
 * Episodes of a served env driven by an MPC policy (or random actions), in process: the building
 * block of the server-side learning loop and of evaluation. Uses the env's Gymnasium semantics
 * (GymEnv: seeds, TimeLimit, tasks); the policy's plan context carries over from step to step.
 * @module
 */

import type { EnvDefinition } from '../../envs/env.ts';
import { GymEnv } from '../../envs/gym-env.ts';
import type { Transitions } from '../../models/layout.ts';
import type { PlanContext } from '../../planners/planner.ts';
import { Generator } from '../../rng/generator.ts';
import type { AgentRecord } from '../record.ts';
import { actionRow, envAction } from '../spaces.ts';
import type { MpcPolicy } from './policy.ts';

/** One finished episode. */
export interface EpisodeSummary {
  seed: number;
  return: number;
  length: number;
  terminated: boolean;
}

/** Collected rows of an episode, flat. */
export class TransitionBuffer {
  obs: number[] = [];
  action: number[] = [];
  nextObs: number[] = [];
  reward: number[] = [];
  terminated: number[] = [];

  get n(): number {
    return this.reward.length;
  }

  push(
    obs: ArrayLike<number>,
    action: ArrayLike<number>,
    next: ArrayLike<number>,
    reward: number,
    terminated: boolean,
  ) {
    for (let i = 0; i < obs.length; i++) this.obs.push(obs[i]!);
    for (let i = 0; i < action.length; i++) this.action.push(action[i]!);
    for (let i = 0; i < next.length; i++) this.nextObs.push(next[i]!);
    this.reward.push(reward);
    this.terminated.push(terminated ? 1 : 0);
  }

  /** The rows as typed arrays, emptying the buffer. */
  drain(): Transitions {
    const t: Transitions = {
      n: this.n,
      obs: Float32Array.from(this.obs),
      action: Float32Array.from(this.action),
      nextObs: Float32Array.from(this.nextObs),
      reward: Float32Array.from(this.reward),
      terminated: Uint8Array.from(this.terminated),
    };
    this.obs = [];
    this.action = [];
    this.nextObs = [];
    this.reward = [];
    this.terminated = [];
    return t;
  }
}

/** Options of {@link runEpisode}. */
export interface EpisodeOptions {
  seed: number;
  /** null: uniformly random actions (seeded). */
  policy: MpcPolicy | null;
  maxSteps?: number;
  /** Rows go here as they happen. */
  buffer?: TransitionBuffer;
  /** Called after every step with the steps taken so far in this episode (throw to stop). */
  onStep?(steps: number): void;
}

/** Runs one episode of `def` for the agent. */
export function runEpisode(def: EnvDefinition, record: AgentRecord, options: EpisodeOptions): EpisodeSummary {
  const env = new GymEnv(def, record.env?.kwargs ?? {});
  const task = record.env?.task;
  const reset = env.reset({ seed: options.seed, ...(task !== undefined ? { options: { task } } : {}) });
  let obs = Float32Array.from(reset.observation as ArrayLike<number>);
  const random = Generator.fromSeed(options.seed);
  let context: PlanContext | undefined;
  let total = 0;
  let steps = 0;
  let terminated = false;
  for (;;) {
    let action: number | number[];
    if (options.policy) {
      const plan = options.policy.plan(obs, {
        seed: options.seed * 100_003 + steps,
        ...(context ? { context } : {}),
      });
      context = plan.context;
      action = envAction(record.action_space, plan.action);
    } else {
      action = env.actionSpace.sample(random) as number | number[];
      if (ArrayBuffer.isView(action)) action = Array.from(action as ArrayLike<number>);
    }
    const step = env.step(action);
    const next = Float32Array.from(step.observation as ArrayLike<number>);
    options.buffer?.push(obs, actionRow(record.action_space, action), next, step.reward, step.terminated);
    total += step.reward;
    steps++;
    options.onStep?.(steps);
    obs = next;
    terminated = step.terminated;
    if (step.terminated || step.truncated || (options.maxSteps !== undefined && steps >= options.maxSteps))
      break;
  }
  return { seed: options.seed, return: total, length: steps, terminated };
}
