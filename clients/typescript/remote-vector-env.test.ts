import { afterAll, describe, expect, it } from 'vitest';
import { InvalidActionError, RemoteEnv, RemoteVectorEnv, ResetNeededError } from './src/index.ts';
import { startTestServer } from './test-server.ts';

const server = await startTestServer();
afterAll(() => server.close());
const { baseUrl } = server;
const formats = ['msgpack', 'json'] as const;

const row = (data: ArrayLike<number>, i: number, width: number) =>
  Array.from(data).slice(i * width, (i + 1) * width);

describe.each(formats)('RemoteVectorEnv (%s)', (format) => {
  it('equals N single envs seeded s + i, step for step', async () => {
    const n = 4;
    const envs = await RemoteVectorEnv.make('Pendulum-v1', n, { baseUrl, format });
    expect(envs.singleObservationSpace).toMatchObject({ type: 'Box', shape: [3] });
    const reset = await envs.reset({ seed: 10 });
    expect(reset.observation.dtype).toBe('float32');
    expect(reset.observation.shape).toEqual([n, 3]);
    expect(reset.observation.data).toBeInstanceOf(Float32Array);
    const actions = [
      new Float32Array([0.5, -1, 2, 0]),
      new Float32Array([-2, 1.5, 0.25, 1]),
      new Float32Array([0, 0, -0.5, 2]),
    ];
    const steps = [];
    for (const a of actions) steps.push(await envs.step(a));
    for (let i = 0; i < n; i++) {
      const single = await RemoteEnv.make<Float32Array>('Pendulum-v1', { baseUrl, format });
      expect(Array.from((await single.reset({ seed: 10 + i })).observation)).toEqual(
        row(reset.observation.data as Float32Array, i, 3),
      );
      for (const [t, a] of actions.entries()) {
        const s = await single.step(new Float32Array([a[i]!]));
        const v = steps[t]!;
        expect(Array.from(s.observation)).toEqual(row(v.observation.data as Float32Array, i, 3));
        expect(v.reward[i]).toBe(s.reward);
        expect(v.terminated[i]).toBe(s.terminated);
        expect(v.truncated[i]).toBe(s.truncated);
      }
    }
    expect(steps[0]!.reward).toBeInstanceOf(Float64Array);
    expect(steps[0]!.terminated).toEqual([false, false, false, false]);
  });

  it('takes Discrete actions as plain numbers; next_step autoreset restarts an ended sub-env', async () => {
    const envs = await RemoteVectorEnv.make('CartPole-v1', 2, { baseUrl, format });
    await envs.reset({ seed: 3 });
    let ended = -1;
    for (let t = 0; t < 100 && ended < 0; t++) {
      const s = await envs.step([1, 0]);
      ended = s.terminated.findIndex((x, i) => x || s.truncated[i]);
    }
    expect(ended).toBeGreaterThanOrEqual(0);
    const next = await envs.step([1, 0]);
    expect(next.reward[ended]).toBe(0);
    expect(next.terminated[ended]).toBe(false);
  });

  it('continues generators on reset without seed, and resets masked sub-envs only', async () => {
    const envs = await RemoteVectorEnv.make('CartPole-v1', 2, { baseUrl, format, autoresetMode: 'disabled' });
    await envs.reset({ seed: 3 });
    const second = await envs.reset();
    const single = await RemoteEnv.make<Float32Array>('CartPole-v1', { baseUrl, format });
    await single.reset({ seed: 4 });
    expect(row(second.observation.data as Float32Array, 1, 4)).toEqual(
      Array.from((await single.reset()).observation),
    );
    let done: boolean[] = [false, false];
    let last = second;
    for (let t = 0; t < 100 && !done.some(Boolean); t++) {
      const s = await envs.step(new Int32Array([1, 0]));
      done = s.terminated.map((x, i) => x || s.truncated[i]!);
      last = s;
    }
    expect(done.some(Boolean)).toBe(true);
    await expect(envs.fork().step([1, 0])).rejects.toThrow(ResetNeededError);
    const partial = await envs.reset({ options: { reset_mask: done } });
    const keep = done.indexOf(false);
    expect(row(partial.observation.data as Float32Array, keep, 4)).toEqual(
      row(last.observation.data as Float32Array, keep, 4),
    );
    expect((await envs.step([1, 0])).reward).toEqual(new Float64Array([1, 1]));
  });

  it('refuses steps before reset and wrong action counts locally, bad actions remotely', async () => {
    const envs = await RemoteVectorEnv.make('CartPole-v1', 3, { baseUrl, format });
    await expect(envs.step([0, 1, 0])).rejects.toThrow(ResetNeededError);
    await envs.reset({ seed: 0 });
    await expect(envs.step([0, 1])).rejects.toThrow(RangeError);
    await expect(envs.step([0, 1, 7])).rejects.toThrow(InvalidActionError);
    await expect(envs.step([0, 1, 0.5])).rejects.toThrow(InvalidActionError);
  });
});

it('JSON and msgpack give identical batches', async () => {
  const run = async (format: (typeof formats)[number]) => {
    const envs = await RemoteVectorEnv.make('Acrobot-v1', 3, { baseUrl, format, autoresetMode: 'same_step' });
    const out: unknown[] = [await envs.reset({ seed: 0 })];
    for (let t = 0; t < 10; t++) out.push(await envs.step([t % 3, (t + 1) % 3, 2]));
    const fork = envs.fork();
    out.push(await fork.step([0, 0, 0]), await envs.step([0, 0, 0]));
    return out;
  };
  const mp = await run('msgpack');
  expect(await run('json')).toEqual(mp);
  expect(mp.at(-1)).toEqual(mp.at(-2));
});
