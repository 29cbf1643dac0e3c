/**
 * Graded episodes: a task the server drew stays hidden from clients. Each leak found by the
 * hardening review (revealing a continued episode's task, SparsePoint's dense reward, the AntGoal
 * render) is refused without the grader key, shown with it, and shown when the client chose the task.
 */
import { describe, expect, it } from 'vitest';
import { call, post, problem, testApp, testRegistry } from '../helpers/app.ts';

const KEY = 'the grader key of these tests';
const app = testApp({ graderKey: KEY });
const grader = { 'x-grader-key': KEY };
const path = (id: string) => `/v1/envs/${encodeURIComponent(id)}`;
const families = testRegistry
  .list()
  .filter((d) => d.tasks)
  .map((d) => d.id);

describe('hidden tasks', () => {
  it('covers every task family', () => {
    expect(families.length).toBeGreaterThanOrEqual(18);
  });

  it.each(families)('%s: a drawn task is revealed only with the grader key', async (id) => {
    const r = await post<{ state: string; info: Record<string, unknown> }>(app, `${path(id)}/reset`, {
      seed: 3,
    });
    expect(r.status).toBe(200);
    expect(r.body.info.task).toBeUndefined();
    // The leak: continue the episode (its token, no seed) and ask for the task.
    const leak = await post<{ type: string }>(app, `${path(id)}/reset`, {
      state: r.body.state,
      options: { reveal_task: true },
    });
    expect([leak.status, leak.body.type]).toEqual([403, problem('task-hidden')]);
    const seeded = await post<{ type: string }>(app, `${path(id)}/reset`, {
      seed: 3,
      options: { reveal_task: true },
    });
    expect(seeded.status).toBe(403);
    const wrongKey = await post(
      app,
      `${path(id)}/reset`,
      { seed: 3, options: { reveal_task: true } },
      'json',
      {
        'x-grader-key': `${KEY}!`,
      },
    );
    expect(wrongKey.status).toBe(403);
    const graded = await post<{ info: { task: unknown } }>(
      app,
      `${path(id)}/reset`,
      { state: r.body.state, options: { reveal_task: true } },
      'json',
      grader,
    );
    expect(graded.status).toBe(200);
    expect(graded.body.info.task).toBeDefined();
    // A task the client chose is its own to see.
    const chosen = await post<{ state: string; info: { task: unknown } }>(app, `${path(id)}/reset`, {
      seed: 3,
      options: { task: graded.body.info.task, reveal_task: true },
    });
    expect(chosen.body.info.task).toEqual(graded.body.info.task);
    const continued = await post(app, `${path(id)}/reset`, {
      state: chosen.body.state,
      options: { reveal_task: true },
    });
    expect(continued.status).toBe(200);
  });

  it('refuses to reveal drawn tasks of vector batches and replays without the key', async () => {
    const id = 'tasks/PointNav-v0';
    const v = await post<{ type: string }>(app, `${path(id)}/vector/reset`, {
      num_envs: 2,
      seed: 0,
      options: { reveal_task: true },
    });
    expect([v.status, v.body.type]).toEqual([403, problem('task-hidden')]);
    const vg = await post(
      app,
      `${path(id)}/vector/reset`,
      { num_envs: 2, seed: 0, options: { reveal_task: true } },
      'json',
      grader,
    );
    expect(vg.status).toBe(200);
    const replay = await post(app, `${path(id)}/replay`, {
      seed: 0,
      options: { reveal_task: true },
      actions: [[0, 0]],
    });
    expect(replay.status).toBe(403);
  });

  it("leaves SparsePoint's dense reward (the distance to the goal) out while the goal is hidden", async () => {
    const id = 'tasks/SparsePoint-v0';
    const r = await post<{ state: string }>(app, `${path(id)}/reset`, { seed: 1 });
    const step = (headers = {}) =>
      post<{ info: Record<string, unknown> }>(
        app,
        `${path(id)}/step`,
        { state: r.body.state, action: [0.1, 0] },
        'json',
        headers,
      );
    expect((await step()).body.info.dense_reward).toBeUndefined();
    expect(typeof (await step(grader)).body.info.dense_reward).toBe('number');
    const chosen = await post<{ state: string }>(app, `${path(id)}/reset`, {
      seed: 1,
      options: { task: { goal: [0.5, 0.5] } },
    });
    const own = await post<{ info: Record<string, unknown> }>(app, `${path(id)}/step`, {
      state: chosen.body.state,
      action: [0.1, 0],
    });
    expect(typeof own.body.info.dense_reward).toBe('number');
    const batch = await post<{ state: string }>(app, `${path(id)}/vector/reset`, { num_envs: 2, seed: 1 });
    const vstep = (headers = {}) =>
      post<{ info: Record<string, unknown> }>(
        app,
        `${path(id)}/vector/step`,
        {
          state: batch.body.state,
          action: [
            [0.1, 0],
            [0, 0.1],
          ],
          array_format: 'nested',
        },
        'json',
        headers,
      );
    expect((await vstep()).body.info.dense_reward).toBeUndefined();
    expect((await vstep(grader)).body.info.dense_reward).toHaveLength(2);
    const replay = await post<{ infos: Record<string, unknown>[] }>(app, `${path(id)}/replay`, {
      seed: 1,
      actions: [[0.1, 0]],
    });
    expect(replay.body.infos[0]!.dense_reward).toBeUndefined();
  });

  it('does not draw the hidden goal of tasks/AntGoal-v0', async () => {
    const id = 'tasks/AntGoal-v0';
    const r = await post<{ state: string }>(app, `${path(id)}/reset`, { seed: 0 });
    const render = async (headers: Record<string, string>) =>
      JSON.stringify(
        (
          await call<{ image: unknown }>(
            app,
            'POST',
            `${path(id)}/render`,
            { state: r.body.state, mode: 'rgb_array' },
            'json',
            headers,
          )
        ).body.image,
      );
    // The grader's picture has the goal marker; the client's has the same scene without it.
    expect(await render(grader)).not.toEqual(await render({}));
    const chosen = await post<{ state: string }>(app, `${path(id)}/reset`, {
      seed: 0,
      options: { task: { goal: [2, 0] } },
    });
    const own = await call<{ image: unknown }>(app, 'POST', `${path(id)}/render`, {
      state: chosen.body.state,
      mode: 'rgb_array',
    });
    const ownGraded = await call<{ image: unknown }>(
      app,
      'POST',
      `${path(id)}/render`,
      { state: chosen.body.state, mode: 'rgb_array' },
      'json',
      grader,
    );
    expect(own.body.image).toEqual(ownGraded.body.image);
  });
});
