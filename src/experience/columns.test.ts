import { describe, expect, it } from 'vitest';
import {
  checkSchema,
  columnOf,
  emptyTransitions,
  sameSchema,
  schemaDims,
  transitionSchema,
} from './columns.ts';
import { concatTransitions, gatherRows } from './concat.ts';

describe('transition schema', () => {
  it('has the core columns first, then the optional ones asked for', () => {
    const schema = transitionSchema({
      obsDim: 4,
      actionDim: 2,
      goalDim: 3,
      task: true,
      images: [{ name: 'image', shape: [8, 8, 3] }],
    });
    expect(schema.columns).toEqual([
      { name: 'observation', dtype: 'float32', shape: [4] },
      { name: 'action', dtype: 'float32', shape: [2] },
      { name: 'reward', dtype: 'float32', shape: [] },
      { name: 'next_observation', dtype: 'float32', shape: [4] },
      { name: 'terminated', dtype: 'uint8', shape: [] },
      { name: 'truncated', dtype: 'uint8', shape: [] },
      { name: 'achieved_goal', dtype: 'float32', shape: [3] },
      { name: 'desired_goal', dtype: 'float32', shape: [3] },
      { name: 'task', dtype: 'int32', shape: [] },
      { name: 'image', dtype: 'uint8', shape: [8, 8, 3] },
    ]);
    expect(schemaDims(schema)).toEqual({ obsDim: 4, actionDim: 2 });
    expect(sameSchema(schema, { columns: [...schema.columns].reverse() })).toBe(true);
    expect(sameSchema(schema, transitionSchema({ obsDim: 4, actionDim: 2 }))).toBe(false);
  });

  it('refuses schemas that break the fixed meanings', () => {
    const core = transitionSchema({ obsDim: 2, actionDim: 1 }).columns;
    const bad = (columns: unknown[]) => () => checkSchema({ columns }, 'test');
    expect(bad(core.filter((c) => c.name !== 'truncated'))).toThrow(/truncated column is missing/);
    expect(bad([...core, { name: 'task', dtype: 'float32', shape: [4] }])).toThrow(/task must be int32/);
    expect(bad([...core, { name: 'achieved_goal', dtype: 'float32', shape: [2] }])).toThrow(
      /desired_goal column is missing/,
    );
    expect(bad([...core, { name: 'depth', dtype: 'float32', shape: [4, 4] }])).toThrow(/must be uint8/);
    expect(bad([...core, core[0]])).toThrow(/appears twice/);
    expect(bad([...core, { name: 'Bad Name', dtype: 'uint8', shape: [1] }])).toThrow(/bad column name/);
    expect(bad([...core, { name: 'image', dtype: 'uint8', shape: [0] }])).toThrow(/bad shape/);
    expect(() => checkSchema(null, 'test')).toThrow(/list of at most/);
  });

  it('concatenates and gathers rows column by column', () => {
    const schema = transitionSchema({ obsDim: 1, actionDim: 1, task: true });
    const a = emptyTransitions(schema, 2);
    a.obs.set([1, 2]);
    a.extra!.task!.set([5, 6]);
    const b = { ...emptyTransitions(schema, 1), truncated: undefined };
    b.obs.set([3]);
    b.extra!.task!.set([7]);
    a.truncated!.set([0, 1]);
    const joined = concatTransitions([a, b], schema);
    expect([...joined.obs]).toEqual([1, 2, 3]);
    expect([...joined.truncated!]).toEqual([0, 1, 0]);
    expect([...columnOf(joined, 'task')]).toEqual([5, 6, 7]);
    const picked = gatherRows(joined, schema, [2, 0, 2]);
    expect([...picked.obs]).toEqual([3, 1, 3]);
    expect([...columnOf(picked, 'task')]).toEqual([7, 5, 7]);
  });
});
