/** Properties every env of the `tasks/` namespace shares. */
import { describe, expect, it } from 'vitest';
import { rollout } from '../../../test/helpers/task-envs.ts';
import { Generator } from '../../rng/generator.ts';
import { parseEnvId } from '../registry.ts';
import type { Task } from '../task.ts';
import { taskEnvs } from './index.ts';

const withTasks = taskEnvs.filter((d) => d.tasks);

describe('the tasks/ envs', () => {
  it('have versioned ids in the tasks/ namespace, unique', () => {
    expect(taskEnvs.map((d) => d.id)).toEqual([
      'tasks/Pendulum-v0',
      'tasks/CartPole-v0',
      'tasks/MountainCarContinuous-v0',
      'tasks/PointNav-v0',
      'tasks/SparsePoint-v0',
      'tasks/Bandit-v0',
      'tasks/TabularMDP-v0',
      'tasks/CartPoleContinuous-v0',
      'tasks/CartPoleSwingUp-v0',
      'tasks/PointMass1D-v0',
      'tasks/SparsePointMultiTask-v0',
      'tasks/PendulumMultiTask-v0',
    ]);
    for (const def of taskEnvs) expect(parseEnvId(def.id)).toMatchObject({ namespace: 'tasks', version: 0 });
  });

  it.each(taskEnvs.map((d) => [d.id, d] as const))(
    '%s carries a full doc block and sane kwargs',
    (_id, def) => {
      for (const key of [
        'description',
        'action_space',
        'observation_space',
        'rewards',
        'starting_state',
        'episode_end',
        'arguments',
        'version_history',
      ] as const) {
        expect(def.doc[key].length, key).toBeGreaterThan(20);
      }
      expect(() => def.params(def.defaultKwargs)).not.toThrow();
      expect(() => def.params({})).not.toThrow();
      expect(() => def.params({ no_such_kwarg: 1 })).toThrow(/unknown keyword argument/);
    },
  );

  it.each(withTasks.map((d) => [d.id, d] as const))(
    '%s: same seed, same tasks; JSON round trip',
    (_id, def) => {
      const family = def.tasks!;
      const params = def.params(def.defaultKwargs);
      for (const split of ['train', 'test'] as const) {
        const draw = (seed: number) => {
          const rng = Generator.fromSeed(seed);
          return Array.from({ length: 4 }, () => family.sample(rng, split, params) as Task);
        };
        const tasks = draw(21);
        expect(draw(21)).toEqual(tasks);
        expect(draw(22)).not.toEqual(tasks);
        for (const task of tasks)
          expect(family.parse(JSON.parse(JSON.stringify(task)), params)).toEqual(task);
        expect(family.splits[split].description.length).toBeGreaterThan(20);
        if (family.splits[split].size !== undefined)
          expect(family.list!(split, params)).toHaveLength(family.splits[split].size!);
      }
      expect(family.schema['type']).toBe('object');
    },
  );

  it.each(withTasks.map((d) => [d.id, d] as const))('%s: spaces do not depend on the task', (_id, def) => {
    const family = def.tasks!;
    const params = def.params(def.defaultKwargs);
    const rng = Generator.fromSeed(1);
    for (const split of ['train', 'test', 'train', 'test'] as const) {
      const applied = family.apply(params, family.sample(rng, split, params));
      expect(def.observationSpace(applied).describe()).toEqual(def.observationSpace(params).describe());
      expect(def.actionSpace(applied).describe()).toEqual(def.actionSpace(params).describe());
    }
  });

  it.each(taskEnvs.map((d) => [d.id, d] as const))(
    '%s: seeded episodes under a task are reproducible and in bounds',
    (_id, def) => {
      const base = def.params(def.defaultKwargs);
      const run = (seed: number) => {
        // What the adapter does: task from the reset generator, then the initial state.
        const rng = Generator.fromSeed(seed);
        const params = def.tasks ? def.tasks.apply(base, def.tasks.sample(rng, 'train', base)) : base;
        const s0 = def.initial(rng, params, {});
        const actionSpace = def.actionSpace(params);
        const actRng = Generator.fromSeed(seed + 1000);
        const actions = Array.from({ length: 30 }, () => actionSpace.sample(actRng));
        return { params, steps: rollout(def, params, s0, actions, rng), s0 };
      };
      const a = run(5);
      const b = run(5);
      expect(b.s0).toEqual(a.s0);
      expect(b.steps.map((s) => [s.next, s.reward])).toEqual(a.steps.map((s) => [s.next, s.reward]));
      const obsSpace = def.observationSpace(a.params);
      expect(obsSpace.contains(def.observation(a.s0, a.params))).toBe(true);
      for (const step of a.steps) {
        expect(obsSpace.contains(step.nextObs)).toBe(true);
        expect(Number.isFinite(step.reward)).toBe(true);
        expect(def.parseState(JSON.parse(JSON.stringify(step.next)), a.params)).toEqual(step.next);
      }
    },
  );
});
