import { describe, expect, it } from 'vitest';
import { classicControlEnvs } from '../../envs/classic-control/index.ts';
import type { EnvDefinition } from '../../envs/env.ts';
import { GymEnv } from '../../envs/gym-env.ts';
import { taskEnvs } from '../../envs/tasks/index.ts';
import { actionRow } from '../../experience/policy.ts';
import { TransitionRecorder } from '../../experience/recorder.ts';
import type { PlanContext } from '../../planners/planner.ts';
import { Generator } from '../../rng/generator.ts';
import type { AgentRecord } from '../record.ts';
import { envAction } from '../spaces.ts';
import { runEpisode } from './episodes.ts';
import type { MpcPolicy } from './policy.ts';

/** A planner stand-in: its action depends on the observation, the seed and the context it gets. */
function fakePlanner(discrete: boolean, calls: string[]): MpcPolicy {
  return {
    version: 3,
    plan(obs: Float32Array, options: { seed: number; context?: PlanContext }) {
      calls.push(`${options.seed}:${options.context?.mean[0] ?? '-'}`);
      const u =
        Generator.fromSeed(options.seed).uniform(-1, 1) + obs[0]! * 0.1 + (options.context?.mean[0] ?? 0);
      const action = discrete
        ? Float32Array.of(u > 0 ? 1 : 0)
        : Float32Array.of(Math.max(-2, Math.min(2, u)));
      return { action, context: { mean: Float32Array.of(u / 2) } };
    },
  } as unknown as MpcPolicy;
}

/** The episode runner as it was before the generic rollout runner (GymEnv loop), for comparison. */
function before(
  def: EnvDefinition,
  record: AgentRecord,
  seed: number,
  policy: MpcPolicy | null,
  maxSteps?: number,
) {
  const env = new GymEnv(def, record.env?.kwargs ?? {});
  const task = record.env?.task;
  let obs = Float32Array.from(
    env.reset({ seed, ...(task !== undefined ? { options: { task } } : {}) })
      .observation as ArrayLike<number>,
  );
  const random = Generator.fromSeed(seed);
  const buffer = new TransitionRecorder();
  let context: PlanContext | undefined;
  let total = 0;
  let steps = 0;
  let terminated = false;
  for (;;) {
    let action: number | number[];
    if (policy) {
      const plan = policy.plan(obs, { seed: seed * 100_003 + steps, ...(context ? { context } : {}) });
      context = plan.context;
      action = envAction(record.action_space, plan.action);
    } else {
      action = env.actionSpace.sample(random) as number | number[];
      if (ArrayBuffer.isView(action)) action = Array.from(action as ArrayLike<number>);
    }
    const step = env.step(action);
    const next = Float32Array.from(step.observation as ArrayLike<number>);
    buffer.push(obs, actionRow(env.actionSpace, action), next, step.reward, step.terminated);
    total += step.reward;
    steps++;
    obs = next;
    terminated = step.terminated;
    if (step.terminated || step.truncated || (maxSteps !== undefined && steps >= maxSteps)) break;
  }
  const { truncated: _, ...rows } = buffer.drain();
  return { summary: { seed, return: total, length: steps, terminated }, rows };
}

const byId = (id: string) => [...classicControlEnvs, ...taskEnvs].find((e) => e.id === id) as EnvDefinition;

function recordFor(def: EnvDefinition, task?: unknown): AgentRecord {
  const params = def.params(def.defaultKwargs);
  return {
    id: 'ag-test',
    type: 'mpc',
    env: { envId: def.id, kwargs: {}, ...(task !== undefined ? { task } : {}) },
    preset: 'fast',
    config: {},
    observation_space: def.observationSpace(params).describe(),
    action_space: def.actionSpace(params).describe(),
    created_at: '2025-01-01T00:00:00.000Z',
  };
}

describe('MPC episodes on the generic rollout runner', () => {
  const pendulumTask = (() => {
    const def = byId('tasks/Pendulum-v0');
    return def.tasks!.sample(Generator.fromSeed(5), 'train', def.params(def.defaultKwargs));
  })();
  const cases: [string, unknown, number | undefined][] = [
    ['Pendulum-v1', undefined, undefined],
    ['Pendulum-v1', undefined, 37],
    ['CartPole-v1', undefined, undefined],
    ['tasks/Pendulum-v0', pendulumTask, 60],
  ];
  for (const [id, task, maxSteps] of cases) {
    for (const planned of [false, true]) {
      it(`${id}${task ? ' with a task' : ''}${maxSteps ? `, ${maxSteps} steps` : ''}, ${planned ? 'planned' : 'random'}: the same episode as before`, () => {
        const def = byId(id);
        const record = recordFor(def, task);
        const discrete = record.action_space.type === 'Discrete';
        const oldCalls: string[] = [];
        const newCalls: string[] = [];
        for (const seed of [0, 7]) {
          const old = before(def, record, seed, planned ? fakePlanner(discrete, oldCalls) : null, maxSteps);
          const buffer = new TransitionRecorder();
          const summary = runEpisode(def, record, {
            seed,
            policy: planned ? fakePlanner(discrete, newCalls) : null,
            buffer,
            ...(maxSteps !== undefined ? { maxSteps } : {}),
          });
          expect(summary).toEqual(old.summary);
          const { truncated, ...rows } = buffer.drain();
          expect(rows).toEqual(old.rows);
          // Now with `truncated`: the time limit's, or maxSteps cutting the episode.
          const last = rows.n - 1;
          const cut = !summary.terminated;
          expect([...truncated!]).toEqual(
            Array.from({ length: rows.n }, (_, i) => (i === last && cut ? 1 : 0)),
          );
        }
        expect(newCalls).toEqual(oldCalls);
      });
    }
  }
});
