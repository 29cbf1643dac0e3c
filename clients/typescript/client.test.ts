import { afterAll, describe, expect, it } from 'vitest';
import {
  createModelgymClient,
  InvalidArgumentError,
  ModelgymError,
  PayloadTooLargeError,
  RemoteEnv,
  toModelgymError,
  UnknownEnvError,
  unwrap,
  ValidationError,
} from './src/index.ts';
import { startTestServer } from './test-server.ts';

const server = await startTestServer();
const small = await startTestServer({ MODELGYM_MAX_BODY_BYTES: '4096' });
afterAll(async () => {
  await server.close();
  await small.close();
});
const { baseUrl } = server;
const problem = (kind: string) => `https://modelgym.dev/problems/${kind}`;

describe.each(['msgpack', 'json'] as const)('the typed client (%s)', (format) => {
  const client = createModelgymClient({ baseUrl, format });

  it('sends and asks for its format', async () => {
    const { data, response } = await client.GET('/v1/envs');
    expect(response.headers.get('content-type')).toContain(format);
    expect(data?.envs.find((e) => e.id === 'CartPole-v1')).toEqual({
      id: 'CartPole-v1',
      max_episode_steps: 500,
      reward_threshold: 475,
    });
  });

  it('answers errors as values: the typed problem, nothing thrown', async () => {
    const { data, error, response } = await client.POST('/v1/envs/{env_id}/reset', {
      params: { path: { env_id: 'CartPole-v0' } },
      body: { seed: 0 },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error?.type).toBe(problem('unknown-env'));
    expect(error?.detail).toContain('did you mean "CartPole-v1"');
    expect(error?.instance).toBe(response.headers.get('x-request-id'));
  });

  it('throws typed errors with unwrap, carrying the problem fields', async () => {
    const missing = await client.GET('/v1/envs/{env_id}', { params: { path: { env_id: 'Nope-v3' } } });
    const err = (() => {
      try {
        unwrap(missing);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UnknownEnvError);
    expect(err).toBeInstanceOf(ModelgymError);
    expect(err).toMatchObject({
      name: 'UnknownEnvError',
      status: 404,
      type: problem('unknown-env'),
      title: 'Unknown environment',
    });
    expect((err as ModelgymError).message).toContain('Nope-v3');

    const invalid = await client.POST('/v1/envs/{env_id}/reset', {
      params: { path: { env_id: 'CartPole-v1' } },
      body: { seed: -1 },
    });
    expect(() => unwrap(invalid)).toThrow(ValidationError);
    const pointers = (invalid.error?.errors ?? []).map((e) => e.pointer);
    expect(pointers).toContain('/body/seed');
  });

  it('creates a SAC agent with the typed request, trains it offline and acts greedily and exploring', async () => {
    const created = unwrap(
      await client.POST('/v1/agents', {
        body: {
          type: 'sac',
          env_id: 'Pendulum-v1',
          config: { actor_hidden_sizes: [8], critic_hidden_sizes: [8], batch_size: 8 },
        },
      }),
    );
    expect(created.type).toBe('sac');
    const id = created.id;
    const n = 20;
    const obs = Array.from({ length: n }, (_, i) => [Math.cos(i), Math.sin(i), 0.1 * i]);
    unwrap(
      await client.POST('/v1/agents/{agent_id}/transitions', {
        params: { path: { agent_id: id } },
        body: {
          observation: obs,
          action: obs.map((o) => [o[0]!]),
          reward: obs.map((o) => -o[2]!),
          next_observation: obs,
        },
      }),
    );
    const job = unwrap(
      await client.POST('/v1/agents/{agent_id}/train', {
        params: { path: { agent_id: id } },
        body: { updates: 5 },
      }),
    );
    for (;;) {
      const j = unwrap(await client.GET('/v1/jobs/{job_id}', { params: { path: { job_id: job.id } } }));
      if (j.status === 'succeeded') break;
      expect(['queued', 'running']).toContain(j.status);
      await new Promise((r) => setTimeout(r, 50));
    }
    const act = (explore: boolean) =>
      client.POST('/v1/agents/{agent_id}/act', {
        params: { path: { agent_id: id } },
        body: { observation: [1, 0, 0], seed: 3, explore },
      });
    const greedy = unwrap(await act(false));
    const sampled = unwrap(await act(true));
    expect(greedy.version).toBe(1);
    expect(sampled.action).not.toEqual(greedy.action);
    expect(unwrap(await act(true)).action).toEqual(sampled.action);
  });

  it('creates an MBPO agent with the typed request (nested SAC config), learns and acts', async () => {
    const created = unwrap(
      await client.POST('/v1/agents', {
        body: {
          type: 'mbpo',
          env_id: 'Pendulum-v1',
          config: {
            sac: { actor_hidden_sizes: [8], critic_hidden_sizes: [8], batch_size: 8, gradient_steps: 1 },
            model: { ensemble_size: 2, hidden_sizes: [8], elites: 1 },
            model_training: { epochs: 2 },
            model_train_every: 40,
            rollouts_per_step: 2,
          },
        },
      }),
    );
    expect(created.type).toBe('mbpo');
    const job = unwrap(
      await client.POST('/v1/agents/{agent_id}/learn', {
        params: { path: { agent_id: created.id } },
        body: { steps: 60, warmup_steps: 40 },
      }),
    );
    for (;;) {
      const j = unwrap(await client.GET('/v1/jobs/{job_id}', { params: { path: { job_id: job.id } } }));
      if (j.status === 'succeeded') break;
      expect(['queued', 'running']).toContain(j.status);
      await new Promise((r) => setTimeout(r, 50));
    }
    const act = unwrap(
      await client.POST('/v1/agents/{agent_id}/act', {
        params: { path: { agent_id: created.id } },
        body: { observation: [1, 0, 0] },
      }),
    );
    expect(act.version).toBe(1);
    expect(act.action).toHaveLength(1);
  });

  it('413 for a body over the limit', async () => {
    const limited = createModelgymClient({ baseUrl: small.baseUrl, format });
    const { error, response } = await limited.POST('/v1/envs/{env_id}/reset', {
      params: { path: { env_id: 'CartPole-v1' } },
      body: { options: { state: new Array(1000).fill(0.123456789) } },
    });
    expect(response.status).toBe(413);
    expect(() => unwrap({ error, response })).toThrow(PayloadTooLargeError);
  });

  it('percent-encodes namespaced env ids', async () => {
    const err = await RemoteEnv.make('tasks/Nothing-v0', { baseUrl, format }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownEnvError);
    expect((err as UnknownEnvError).detail).toContain('"tasks/Nothing-v0"');
  });

  it('rejects unknown kwargs with InvalidArgumentError', async () => {
    await expect(RemoteEnv.make('Pendulum-v1', { baseUrl, format, kwargs: { G: 1 } })).rejects.toThrow(
      InvalidArgumentError,
    );
  });
});

describe('client plumbing', () => {
  it('describes spaces in both formats: IEEE infinities in msgpack, "inf" strings in JSON', async () => {
    const get = (format: 'json' | 'msgpack') =>
      createModelgymClient({ baseUrl, format }).GET('/v1/envs/{env_id}', {
        params: { path: { env_id: 'CartPole-v1' } },
      });
    const mp = unwrap(await get('msgpack'));
    const json = unwrap(await get('json'));
    expect(mp.observation_space.high).toContain(Number.POSITIVE_INFINITY);
    expect(json.observation_space.high).toContain('inf');
    expect({ ...mp, observation_space: null }).toEqual({ ...json, observation_space: null });
  });

  it('goes through a custom fetch, with extra headers', async () => {
    const seen: Request[] = [];
    const client = createModelgymClient({
      baseUrl: `${baseUrl}/`,
      headers: { 'X-Request-Id': 'client-test-1' },
      fetch: (request) => {
        seen.push(request);
        return fetch(request);
      },
    });
    const { response } = await client.GET('/v1/health');
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${baseUrl}/v1/health`);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.get('accept')).toBe('application/msgpack');
    expect(response.headers.get('x-request-id')).toBe('client-test-1');
  });

  it('turns a body that is not a problem into a plain ModelgymError', () => {
    const err = toModelgymError('<html>bad gateway</html>', 502);
    expect(err.constructor).toBe(ModelgymError);
    expect(err).toMatchObject({ status: 502, type: 'about:blank', title: 'HTTP 502' });
    expect(err.detail).toContain('bad gateway');
    expect(toModelgymError(undefined, 503).message).toBe('HTTP 503');
  });
});
