/** The varying-dynamics families (tasks/Pendulum, tasks/CartPole, tasks/MountainCarContinuous). */
import { describe, expect, it } from 'vitest';
import { argumentError } from '../../../test/helpers/task-envs.ts';
import { Generator } from '../../rng/generator.ts';
import type { EnvDefinition } from '../env.ts';
import { CART_POLE_TASK_PARAMETERS, cartPoleTasks } from './cart-pole.ts';
import { MOUNTAIN_CAR_TASK_PARAMETERS, mountainCarContinuousTasks } from './mountain-car-continuous.ts';
import { PENDULUM_TASK_PARAMETERS, pendulumTasks } from './pendulum.ts';
import type { RangedParameter } from './ranged-family.ts';

// biome-ignore lint/suspicious/noExplicitAny: any params type.
const families: [string, EnvDefinition<any, any>, readonly RangedParameter<any>[]][] = [
  [pendulumTasks.id, pendulumTasks, PENDULUM_TASK_PARAMETERS],
  [cartPoleTasks.id, cartPoleTasks, CART_POLE_TASK_PARAMETERS],
  [mountainCarContinuousTasks.id, mountainCarContinuousTasks, MOUNTAIN_CAR_TASK_PARAMETERS],
];

describe.each(families)('%s task family', (_id, def, parameters) => {
  const family = def.tasks!;
  const params = def.params({});
  const keys = parameters.map((p) => p.key);

  it('same seed, same tasks; another seed, other tasks', () => {
    for (const split of ['train', 'test'] as const) {
      const draw = (seed: number) => {
        const rng = Generator.fromSeed(seed);
        return Array.from({ length: 5 }, () => family.sample(rng, split, params));
      };
      expect(draw(11)).toEqual(draw(11));
      expect(draw(11)).not.toEqual(draw(12));
    }
  });

  it('train tasks lie in the declared train ranges', () => {
    const rng = Generator.fromSeed(1);
    expect(family.splits.train.ranges).toEqual(Object.fromEntries(parameters.map((p) => [p.key, p.train])));
    for (let i = 0; i < 500; i++) {
      const task = family.sample(rng, 'train', params);
      expect(Object.keys(task)).toEqual(keys);
      for (const p of parameters) {
        expect(task[p.key]).toBeGreaterThanOrEqual(p.train[0]);
        expect(task[p.key]).toBeLessThanOrEqual(p.train[1]);
      }
    }
  });

  it('test tasks extrapolate: inside the declared hull, outside the train range, on both sides', () => {
    const rng = Generator.fromSeed(2);
    expect(family.splits.test.ranges).toEqual(Object.fromEntries(parameters.map((p) => [p.key, p.test])));
    const below = new Set<string>();
    const above = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const task = family.sample(rng, 'test', params);
      for (const p of parameters) {
        const v = task[p.key]!;
        expect(v).toBeGreaterThanOrEqual(p.test[0]);
        expect(v).toBeLessThanOrEqual(p.test[1]);
        expect(v < p.train[0] || v > p.train[1], `${p.key} = ${v} is in the train range`).toBe(true);
        if (v < p.train[0]) below.add(p.key);
        else above.add(p.key);
      }
    }
    expect([...below].sort()).toEqual([...keys].sort());
    expect([...above].sort()).toEqual([...keys].sort());
  });

  it('describes the splits and the schema', () => {
    expect(family.splits.train.description).toContain('U[');
    expect(family.splits.test.description).toContain('∪');
    expect(family.schema['type']).toBe('object');
    expect(Object.keys(family.schema['properties'] as object)).toEqual(keys);
  });

  it('parse fills defaults, keeps given values and names the bad field', () => {
    const defaults = Object.fromEntries(parameters.map((p) => [p.key, p.default]));
    expect(family.parse({}, params)).toEqual(defaults);
    const first = parameters[0]!;
    const value = (first.train[0] + first.train[1]) / 3;
    expect(family.parse({ [first.key]: value }, params)).toEqual({ ...defaults, [first.key]: value });
    expect(argumentError(() => family.parse({ nope: 1 }, params)).field).toBe('options.task.nope');
    expect(argumentError(() => family.parse({ [first.key]: 'x' }, params)).field).toBe(
      `options.task.${first.key}`,
    );
    expect(argumentError(() => family.parse({ [first.key]: 0 }, params)).field).toBe(
      `options.task.${first.key}`,
    );
    expect(argumentError(() => family.parse({ [first.key]: -1 }, params)).field).toBe(
      `options.task.${first.key}`,
    );
    expect(argumentError(() => family.parse({ [first.key]: Number.NaN }, params)).field).toBe(
      `options.task.${first.key}`,
    );
    expect(argumentError(() => family.parse({ [first.key]: first.valid.max * 2 }, params)).field).toBe(
      `options.task.${first.key}`,
    );
    expect(argumentError(() => family.parse([1, 2], params)).field).toBe('options.task');
    expect(argumentError(() => family.parse(null, params)).field).toBe('options.task');
  });

  it('a sampled task survives JSON and parse unchanged', () => {
    const task = family.sample(Generator.fromSeed(3), 'test', params);
    expect(family.parse(JSON.parse(JSON.stringify(task)), params)).toEqual(task);
  });

  it('apply sets every parameter and leaves params alone', () => {
    const before = JSON.stringify(params);
    const task = family.sample(Generator.fromSeed(4), 'train', params);
    const applied = family.apply(params, task) as Record<string, number>;
    for (const p of parameters) expect(applied[p.prop]).toBe(task[p.key]);
    expect(JSON.stringify(params)).toBe(before);
  });

  it('the default task is the classic env’s parameters', () => {
    const applied = family.apply(params, family.parse({}, params));
    expect(applied).toEqual(params);
  });

  it('spaces do not depend on the task', () => {
    const rng = Generator.fromSeed(5);
    for (const split of ['train', 'test'] as const) {
      const applied = family.apply(params, family.sample(rng, split, params));
      expect(def.observationSpace(applied).describe()).toEqual(def.observationSpace(params).describe());
      expect(def.actionSpace(applied).describe()).toEqual(def.actionSpace(params).describe());
    }
  });
});
