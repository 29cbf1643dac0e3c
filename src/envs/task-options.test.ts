import { describe, expect, it } from 'vitest';
import { Box } from '../spaces/box.ts';
import { EnvArgumentError, type EnvDefinition } from './env.ts';
import { resetEpisode, stepEpisode } from './episode.ts';
import type { TaskFamily } from './task.ts';
import { vectorReset, vectorStep } from './vector.ts';

interface Params {
  goal: number;
}

const family: TaskFamily<Params, { goal: number }> = {
  schema: { type: 'object', properties: { goal: { type: 'number' } } },
  splits: {
    train: { description: 'U[0, 1]', ranges: { goal: [0, 1] } },
    test: { description: 'U[1, 2]', ranges: { goal: [1, 2] } },
  },
  sample: (rng, split) => ({ goal: split === 'train' ? rng.uniform(0, 1) : rng.uniform(1, 2) }),
  parse: (value) => {
    const goal = (value as { goal?: unknown } | undefined)?.goal;
    if (typeof goal !== 'number') throw new EnvArgumentError('options.task.goal', 'must be a number');
    return { goal };
  },
  apply: (params, task) => ({ ...params, goal: task.goal }),
};

/** A 1-D point that moves by its action; reward -|x - goal|. */
const line: EnvDefinition<Params> = {
  id: 'test/Line-v0',
  doc: {
    description: '',
    action_space: '',
    observation_space: '',
    rewards: '',
    starting_state: '',
    episode_end: '',
    arguments: '',
    version_history: '',
  },
  maxEpisodeSteps: 20,
  defaultKwargs: {},
  params: () => ({ goal: 0 }),
  observationSpace: () => new Box(-100, 100, [1]),
  actionSpace: () => new Box(-1, 1, [1]),
  initial: () => [0],
  transition: (s, a) => [s[0]! + (a as Float32Array)[0]!],
  reward: (_s, _a, next, p) => -Math.abs(next[0]! - p.goal),
  terminal: () => false,
  observation: (s) => new Float32Array(s),
  parseState: (v) => v as number[],
  batched: { reward: () => new Float32Array(), terminal: () => new Uint8Array() },
  tasks: family,
};

const step = (s: ReturnType<typeof resetEpisode>['state'], a = 0) => stepEpisode(line, s, [a]);
// A grader sees drawn (hidden) tasks; these tests look at them as one would.
const grader = { privileged: true } as const;

describe('tasks in episodes', () => {
  it('draws a hidden train task from the reset seed when none is given', () => {
    const a = resetEpisode(line, { seed: 5 });
    const b = resetEpisode(line, { seed: 5, options: { reveal_task: true }, ...grader });
    expect(a.info).toEqual({});
    expect(a.state.task).toEqual(b.info.task);
    const goal = (b.info.task as { goal: number }).goal;
    expect(goal).toBeGreaterThanOrEqual(0);
    expect(goal).toBeLessThan(1);
    expect(step(a.state, 0.5).reward).toBeCloseTo(-Math.abs(0.5 - goal), 12);
    expect(step(a.state).info).toEqual({});
  });

  it('uses a given task and validates it', () => {
    const r = resetEpisode(line, { seed: 0, options: { task: { goal: 3 } } });
    expect(step(r.state, 1).reward).toBe(-2);
    expect(() => resetEpisode(line, { options: { task: { goal: 'x' } } })).toThrow(
      expect.objectContaining({ field: 'options.task.goal' }),
    );
  });

  it('switches tasks exactly at the scheduled step', () => {
    let state = resetEpisode(line, {
      seed: 0,
      options: {
        task: { goal: 0 },
        reveal_task: true,
        task_schedule: { switches: [{ at_step: 3, task: { goal: 10 } }] },
      },
    }).state;
    const goals: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = step(state);
      goals.push((r.info.task as { goal: number }).goal);
      state = r.state;
    }
    expect(goals).toEqual([0, 0, 0, 10, 10, 10]);
  });

  it('switches with a probability, reproducibly from the seed', () => {
    const run = (seed: number) => {
      let state = resetEpisode(line, {
        seed,
        options: { reveal_task: true, task_schedule: { probability: 0.3, split: 'test' } },
        ...grader,
      }).state;
      const goals: number[] = [];
      for (let i = 0; i < 20; i++) {
        const r = stepEpisode(line, state, [0], grader);
        goals.push((r.info.task as { goal: number }).goal);
        state = r.state;
      }
      return goals;
    };
    const goals = run(1);
    expect(run(1)).toEqual(goals);
    const switches = goals.filter((g, i) => i > 0 && g !== goals[i - 1]).length;
    expect(switches).toBeGreaterThan(1);
    expect(goals.filter((g) => g >= 1).length).toBeGreaterThan(0);
  });

  it('refuses task options on envs without tasks, and schedules on vector envs', () => {
    const plain = { ...line, tasks: undefined } as EnvDefinition<Params>;
    expect(() => resetEpisode(plain, { options: { task: { goal: 1 } } })).toThrow(/no task distribution/);
    expect(() => vectorReset(line, { numEnvs: 2, options: { task_schedule: { probability: 0.5 } } })).toThrow(
      /vector/,
    );
  });

  it('gives each sub-env of a vector batch its own task, and a new one on autoreset', () => {
    const r = vectorReset(line, { numEnvs: 3, seed: 0, options: { reveal_task: true }, ...grader });
    // Gymnasium's vector info layout: a dict info becomes a dict of per-sub-env arrays.
    const goals = (r.info.task as { goal: number[] }).goal;
    expect(new Set(goals).size).toBe(3);
    expect({ goal: goals[1] }).toEqual(resetEpisode(line, { seed: 1 }).state.task);
    let state = r.state;
    let last = vectorStep(line, state, [[0], [0], [0]], grader);
    for (let i = 1; i < 21; i++) {
      state = last.state;
      last = vectorStep(line, state, [[0], [0], [0]], grader);
    }
    // Step 21 reset every sub-env (they were truncated at 20) with new train tasks.
    expect(last.rewards).toEqual(new Float64Array(3));
    expect((last.info.task as { goal: number[] }).goal[0]).not.toBe(goals[0]);
  });
});
