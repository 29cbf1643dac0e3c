import { describe, expect, it } from 'vitest';
import { call, post, testApp } from '../helpers/app.ts';

const app = testApp();
const replica = testApp();
const path = (id: string) => `/v1/envs/${encodeURIComponent(id)}`;

type Tasks = { split: string; seed: number; tasks: Record<string, unknown>[] };
type Step = { observation: number[]; reward: number; info: Record<string, unknown>; state: string };

describe('task distributions over HTTP', () => {
  it('describe their task schema and splits', async () => {
    const r = await call<{ tasks: { schema: object; splits: Record<string, unknown> } | null }>(
      app,
      'GET',
      path('tasks/Pendulum-v0'),
    );
    expect(r.body.tasks?.schema).toBeTypeOf('object');
    expect(Object.keys(r.body.tasks?.splits ?? {})).toEqual(['train', 'test']);
    const none = await call<{ tasks: unknown }>(app, 'GET', path('CartPole-v1'));
    expect(none.body.tasks).toBeNull();
    const refused = await call(app, 'GET', `${path('CartPole-v1')}/tasks`);
    expect(refused.status).toBe(404);
  });

  it('list the same tasks for the same seed on every replica; fixed train and test sets are disjoint', async () => {
    const a = await call<Tasks>(
      app,
      'GET',
      `${path('tasks/SparsePoint-v0')}/tasks?split=train&count=100&seed=3`,
    );
    const b = await call<Tasks>(
      replica,
      'GET',
      `${path('tasks/SparsePoint-v0')}/tasks?split=train&count=100&seed=3`,
    );
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    // At most 100 tasks an answer: enough seeds draw every task of the fixed splits.
    const draw = async (split: string) => {
      const tasks: Record<string, unknown>[] = [];
      for (let seed = 0; seed < 30; seed++) {
        const r = await call<Tasks>(
          app,
          'GET',
          `${path('tasks/SparsePoint-v0')}/tasks?split=${split}&count=100&seed=${seed}`,
        );
        tasks.push(...r.body.tasks);
      }
      return tasks;
    };
    const key = (t: Record<string, unknown>) => JSON.stringify(t);
    const train = new Set((await draw('train')).map(key));
    const test = await draw('test');
    expect(train.size).toBe(80);
    expect(new Set(test.map(key)).size).toBe(20);
    expect(test.some((t) => train.has(key(t)))).toBe(false);
    const bad = await call(app, 'GET', `${path('tasks/SparsePoint-v0')}/tasks?count=0`);
    expect(bad.status).toBe(422);
  });

  it('keep the task hidden unless the reset asks, and the dynamics follow the task', async () => {
    const [heavy, light] = [{ mass: 1.5 }, { mass: 0.5 }];
    const run = async (task: Record<string, number>) => {
      const r = await post<{ state: string; info: object }>(app, `${path('tasks/Pendulum-v0')}/reset`, {
        seed: 0,
        options: { task, state: [1, 0] },
      });
      expect(r.body.info).toEqual({});
      const s = await post<Step>(app, `${path('tasks/Pendulum-v0')}/step`, {
        state: r.body.state,
        action: [1],
      });
      expect(s.body.info).not.toHaveProperty('task');
      return s.body.observation;
    };
    const [h, l] = [await run(heavy), await run(light)];
    expect(Math.abs(h[2]! - l[2]!)).toBeGreaterThan(0.01);
    const revealed = await post<{ info: { task: Record<string, number> } }>(
      app,
      `${path('tasks/Pendulum-v0')}/reset`,
      {
        seed: 0,
        options: { task: heavy, reveal_task: true },
      },
    );
    expect(revealed.body.info.task.mass).toBe(1.5);
  });

  it('switch tasks mid-episode exactly when scheduled, and carry the task through tokens across replicas', async () => {
    const r = await post<{ state: string }>(app, `${path('tasks/PointNav-v0')}/reset`, {
      seed: 0,
      options: {
        task: { goal: [0.4, 0.4] },
        reveal_task: true,
        task_schedule: { switches: [{ at_step: 2, task: { goal: [-0.4, -0.4] } }] },
      },
    });
    let state = r.body.state;
    const goals: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const s = await post<Step>(i % 2 ? replica : app, `${path('tasks/PointNav-v0')}/step`, {
        state,
        action: [0, 0],
      });
      goals.push((s.body.info.task as { goal: number[] }).goal);
      state = s.body.state;
    }
    expect(goals).toEqual([
      [0.4, 0.4],
      [0.4, 0.4],
      [-0.4, -0.4],
      [-0.4, -0.4],
    ]);
  });

  it('keep the task when a reset continues an episode without a seed (RL² trials)', async () => {
    // The tasks are drawn, so hidden: looking at them takes the grader key.
    const graded = testApp({ graderKey: 'grader key of this test' });
    const as = { 'x-grader-key': 'grader key of this test' };
    const url = `${path('tasks/TabularMDP-v0')}/reset`;
    const r = await post<{ state: string; info: { task: unknown } }>(
      graded,
      url,
      { seed: 4, options: { reveal_task: true } },
      'json',
      as,
    );
    const again = await post<{ info: { task: unknown } }>(
      graded,
      url,
      { state: r.body.state, options: { reveal_task: true } },
      'json',
      as,
    );
    expect(again.body.info.task).toEqual(r.body.info.task);
    const reseeded = await post<{ info: { task: unknown } }>(
      graded,
      url,
      { seed: 5, state: r.body.state, options: { reveal_task: true } },
      'json',
      as,
    );
    expect(reseeded.body.info.task).not.toEqual(r.body.info.task);
  });

  it('refuse bad tasks and schedules with 422 naming the field', async () => {
    const r = await post(app, `${path('tasks/Pendulum-v0')}/reset`, { options: { task: { mass: -1 } } });
    expect(r.status).toBe(422);
    expect(String(r.body.detail)).toContain('options.task');
    const s = await post(app, `${path('tasks/Pendulum-v0')}/reset`, {
      options: { task_schedule: { probability: 2 } },
    });
    expect(s.status).toBe(422);
    const plain = await post(app, `${path('CartPole-v1')}/reset`, { options: { task: {} } });
    expect(plain.status).toBe(422);
  });
});
