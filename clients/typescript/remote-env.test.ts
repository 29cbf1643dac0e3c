import { afterAll, describe, expect, it } from 'vitest';
import {
  createModelgymClient,
  InvalidActionError,
  RemoteEnv,
  ResetNeededError,
  type StepResult,
  unwrap,
} from './src/index.ts';
import { startTestServer } from './test-server.ts';

const server = await startTestServer();
afterAll(() => server.close());
const { baseUrl } = server;
const formats = ['msgpack', 'json'] as const;

describe.each(formats)('RemoteEnv (%s)', (format) => {
  const make = (id: string, kwargs?: Record<string, unknown>) =>
    RemoteEnv.make<Float32Array, number | number[] | Float32Array>(id, { baseUrl, format, kwargs });

  it("resets to Gymnasium's observation for seed 0, as float32", async () => {
    const env = await make('CartPole-v1');
    const { observation, info } = await env.reset({ seed: 0 });
    expect(observation).toBeInstanceOf(Float32Array);
    const expected = [0.01369617, -0.02302133, -0.04590265, -0.04834724];
    for (const [i, v] of expected.entries()) expect(observation[i]).toBeCloseTo(v, 7);
    expect(info).toEqual({});
    expect(env.stateToken).toMatch(/^v1\./);
  });

  it('knows its spaces (infinite bounds as numbers) and spec', async () => {
    const env = await make('CartPole-v1');
    expect(env.observationSpace).toMatchObject({ type: 'Box', dtype: 'float32', shape: [4] });
    expect(env.observationSpace.high?.[1]).toBe(Number.POSITIVE_INFINITY);
    expect(env.observationSpace.low?.[3]).toBe(Number.NEGATIVE_INFINITY);
    expect(env.actionSpace).toEqual({ type: 'Discrete', dtype: 'int64', n: 2, start: 0 });
    expect(env.spec).toEqual({
      id: 'CartPole-v1',
      maxEpisodeSteps: 500,
      rewardThreshold: 475,
      kwargs: { sutton_barto_reward: false },
    });
    expect(env.doc.description.length).toBeGreaterThan(0);
  });

  it('steps with the types of Gymnasium', async () => {
    const env = await make('CartPole-v1');
    await env.reset({ seed: 0 });
    const step = await env.step(1);
    expect(step.observation).toBeInstanceOf(Float32Array);
    expect(step.observation).toHaveLength(4);
    expect(step).toMatchObject({ reward: 1, terminated: false, truncated: false, info: {} });
  });

  it('continues the generator on a reset without seed, as Gymnasium does', async () => {
    const env = await make('CartPole-v1');
    const first = await env.reset({ seed: 42 });
    const firstToken = env.stateToken!;
    const second = await env.reset();
    expect(second.observation).not.toEqual(first.observation);
    // The same as sending the previous token by hand ...
    const raw = unwrap(
      await createModelgymClient({ baseUrl, format }).POST('/v1/envs/{env_id}/reset', {
        params: { path: { env_id: 'CartPole-v1' } },
        body: { state: firstToken },
      }),
    );
    expect(Array.from(second.observation)).toEqual(raw.observation);
    // ... and reproducible: another env with the same seed draws the same sequence.
    const other = await make('CartPole-v1');
    await other.reset({ seed: 42 });
    expect((await other.reset()).observation).toEqual(second.observation);
  });

  it('throws InvalidActionError for a bad action and keeps the episode', async () => {
    const env = await make('CartPole-v1');
    await env.reset({ seed: 0 });
    const token = env.stateToken;
    const err = await env.step(2).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidActionError);
    expect(err).toMatchObject({ status: 422, type: 'https://modelgym.dev/problems/invalid-action' });
    expect(env.stateToken).toBe(token);
    expect((await env.step(0)).reward).toBe(1);
  });

  it('throws ResetNeededError after the episode ends, and before the first reset', async () => {
    const env = await make('CartPole-v1');
    await expect(env.step(1)).rejects.toThrow(ResetNeededError);
    await env.reset({ seed: 1 });
    let last: StepResult<Float32Array> | undefined;
    for (let i = 0; i < 500 && !(last?.terminated || last?.truncated); i++) last = await env.step(1);
    expect(last?.terminated).toBe(true);
    const err = await env.step(1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResetNeededError);
    expect(err).toMatchObject({ status: 409 });
    await env.reset();
    expect((await env.step(1)).reward).toBe(1);
  });

  it('renders an RGB frame of [400, 600] for CartPole', async () => {
    const env = await make('CartPole-v1');
    await env.reset({ seed: 0 });
    const frame = await env.render();
    expect([frame.height, frame.width]).toEqual([400, 600]);
    expect(frame.data).toBeInstanceOf(Uint8Array);
    expect(frame.data.length).toBe(400 * 600 * 3);
    expect(new Set(frame.data).size).toBeGreaterThan(2);
  });

  it('forks: the copies continue independently and deterministically', async () => {
    const env = await make('Acrobot-v1');
    await env.reset({ seed: 5 });
    for (let i = 0; i < 5; i++) await env.step(i % 3);
    const fork = env.fork();
    expect(fork.stateToken).toBe(env.stateToken);
    const a = await env.step(0);
    const b = await fork.step(2);
    expect(b.observation).not.toEqual(a.observation);
    const again = env.fork();
    const [c, d] = [await again.step(1), await env.step(1)];
    expect(c).toEqual(d);
    env.close();
    expect(env.stateToken).toBeUndefined();
    expect(again.stateToken).toBeDefined();
  });

  it('sends Box actions as numbers or as a float32 tensor, with the same result', async () => {
    const env = await make('Pendulum-v1', { g: 0 });
    await env.reset({ seed: 1, options: { state: [0, 0] } });
    expect(Array.from((await env.fork().step([0])).observation)).toEqual([1, 0, 0]);
    const viaArray = await env.fork().step([0.75]);
    const viaTensor = await env.fork().step(new Float32Array([0.75]));
    expect(viaTensor).toEqual(viaArray);
    await expect(env.step(new Float32Array([0.1, 0.2]))).rejects.toThrow(InvalidActionError);
  });
});

it('JSON and msgpack give identical episodes', async () => {
  const run = async (format: (typeof formats)[number]) => {
    const env = await RemoteEnv.make('MountainCarContinuous-v0', { baseUrl, format });
    const out: unknown[] = [await env.reset({ seed: 7 })];
    for (let i = 0; i < 20; i++) out.push(await env.step(new Float32Array([Math.sin(i)])));
    out.push(await env.reset(), env.observationSpace, env.actionSpace, env.spec);
    const frame = await env.render();
    return { out, frame: Array.from(frame.data.subarray(0, 5000)), size: [frame.width, frame.height] };
  };
  const [mp, json] = [await run('msgpack'), await run('json')];
  expect(json).toEqual(mp);
});
