/**
 * `npm run bench -- env`: the env service over HTTP next to its baselines, in one run.
 * - sequential single-env steps (p50/p99, steps/s), msgpack and JSON, next to a bare Hono
 *   msgpack echo server (same request bytes, same keep-alive client);
 * - vector CartPole-v1 env-steps/s at batch 1, 64 and 1024, next to the in-process step loop;
 * - where a batch-1024 step spends its time on the server (in-process breakdown).
 * Servers run in child processes, so client and server each have a core.
 */

import { GymEnv } from '../src/envs/gym-env.ts';
import { builtinRegistry } from '../src/envs/index.ts';
import { envInstance } from '../src/envs/instance.ts';
import { vectorReset, vectorStep } from '../src/envs/vector.ts';
import { batchToWire, splitRows, toWireTensor } from '../src/http/tensor.ts';
import { Keyring, stateKeyFromSecret } from '../src/state/keyring.ts';
import { decodeVectorToken, encodeVectorToken } from '../src/state/vector-token.ts';
import { packMsgpack, unpackMsgpack } from '../src/wire/msgpack.ts';
import { startChild } from './child-server.ts';
import { KeepAliveClient } from './http-client.ts';
import { msSince, percentile, round } from './stats.ts';

const envId = 'CartPole-v1';
const tsx = ['--import', 'tsx'];

interface Latencies {
  p50_ms: number;
  p99_ms: number;
  steps_per_s: number;
  n: number;
}

function summarize(samples: number[], totalMs: number): Latencies {
  return {
    p50_ms: round(percentile(samples, 50), 4),
    p99_ms: round(percentile(samples, 99), 4),
    steps_per_s: round((samples.length / totalMs) * 1000, 0),
    n: samples.length,
  };
}

type Codec = {
  type: string;
  encode: (v: unknown) => Uint8Array | string;
  decode: (b: Buffer) => Record<string, unknown>;
};
const codecs: Record<'msgpack' | 'json', Codec> = {
  msgpack: {
    type: 'application/msgpack',
    encode: packMsgpack,
    decode: (b) => unpackMsgpack(b) as Record<string, unknown>,
  },
  json: {
    type: 'application/json',
    encode: (v) => JSON.stringify(v),
    decode: (b) => JSON.parse(b.toString('utf8')),
  },
};

async function sequentialSteps(
  client: KeepAliveClient,
  codec: Codec,
  n: number,
): Promise<{ stats: Latencies; lastBody: Uint8Array | string }> {
  const path = `/v1/envs/${envId}`;
  const reset = async () =>
    codec.decode((await client.post(`${path}/reset`, codec.encode({ seed: 0 }), codec.type)).body)
      .state as string;
  let state = await reset();
  const samples: number[] = [];
  let lastBody: Uint8Array | string = '';
  let stepMs = 0;
  for (let i = 0; i < n; i++) {
    lastBody = codec.encode({ state, action: i % 2 });
    const t0 = process.hrtime.bigint();
    const res = await client.post(`${path}/step`, lastBody, codec.type);
    const dt = msSince(t0);
    samples.push(dt);
    stepMs += dt;
    if (res.status !== 200) throw new Error(`step failed: ${res.status} ${res.body.toString()}`);
    const out = codec.decode(res.body);
    state = out.terminated || out.truncated ? await reset() : (out.state as string);
  }
  return { stats: summarize(samples, stepMs), lastBody };
}

async function echoLoop(client: KeepAliveClient, body: Uint8Array | string, n: number): Promise<Latencies> {
  const samples: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const res = await client.post('/echo', body, 'application/msgpack');
    const dt = msSince(t0);
    if (res.status !== 200) throw new Error('echo failed');
    samples.push(dt);
    total += dt;
  }
  return summarize(samples, total);
}

async function vectorThroughput(client: KeepAliveClient, batch: number, steps: number): Promise<number> {
  const path = `/v1/envs/${envId}/vector`;
  const enc = codecs.msgpack;
  const reset = enc.decode(
    (await client.post(`${path}/reset`, enc.encode({ num_envs: batch, seed: 0 }), enc.type)).body,
  );
  let state = reset.state as string;
  const actions = new BigInt64Array(batch).map((_, i) => BigInt(i % 2));
  const action = { dtype: 'int64', shape: [batch], data: new Uint8Array(actions.buffer) };
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < steps; i++) {
    const res = await client.post(`${path}/step`, enc.encode({ state, action }), enc.type);
    if (res.status !== 200) throw new Error(`vector step failed: ${res.status} ${res.body.toString()}`);
    state = enc.decode(res.body).state as string;
  }
  return (batch * steps) / (msSince(t0) / 1000);
}

function inProcessLoop(steps: number): number {
  const env = new GymEnv(builtinRegistry().get(envId));
  env.reset({ seed: 0 });
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < steps; i++) {
    const r = env.step(i % 2);
    if (r.terminated || r.truncated) env.reset();
  }
  return steps / (msSince(t0) / 1000);
}

/** Server-side cost of one batch-1024 vector step, split by stage (in process, averaged). */
function breakdown(batch: number, iterations: number): Record<string, number> {
  const def = builtinRegistry().get(envId);
  const keyring = new Keyring(stateKeyFromSecret('benchmark secret, not for use'));
  const { state } = vectorReset(def, { numEnvs: batch, seed: 0 });
  const token = encodeVectorToken(state, keyring);
  const actions = new BigInt64Array(batch).map((_, i) => BigInt(i % 2));
  const action = { dtype: 'int64' as const, shape: [batch], data: new Uint8Array(actions.buffer) };
  const requestBytes = packMsgpack({ state: token, action });
  const times: Record<string, number> = {
    decode_body: 0,
    open_token: 0,
    split_actions: 0,
    step_envs: 0,
    encode_outputs: 0,
    seal_token: 0,
    encode_body: 0,
  };
  const space = envInstance(def, {}).observationSpace;
  for (let i = 0; i < iterations; i++) {
    let t = process.hrtime.bigint();
    const lap = (key: string) => {
      const now = process.hrtime.bigint();
      times[key]! += Number(now - t) / 1e6;
      t = now;
    };
    const body = unpackMsgpack(requestBytes) as { state: string; action: unknown };
    lap('decode_body');
    const opened = decodeVectorToken(body.state, envId, keyring);
    lap('open_token');
    const rows = splitRows(body.action, batch);
    lap('split_actions');
    const result = vectorStep(def, opened, rows);
    lap('step_envs');
    const out = {
      observation: batchToWire(space, result.observations, 'tensor'),
      reward: toWireTensor(result.rewards, 'float64', [batch]),
      terminated: toWireTensor(result.terminated, 'bool', [batch]),
      truncated: toWireTensor(result.truncated, 'bool', [batch]),
      info: result.info,
    };
    lap('encode_outputs');
    const sealed = encodeVectorToken(result.state, keyring);
    lap('seal_token');
    packMsgpack({ ...out, state: sealed });
    lap('encode_body');
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, round(v / iterations, 4)]));
}

/** Runs the env benchmark; `quick` shrinks every loop (for a smoke run). */
export async function benchEnv(quick: boolean): Promise<{ json: Record<string, unknown>; markdown: string }> {
  const scale = quick ? 0.1 : 1;
  const n = Math.round(3000 * scale);
  const modelgym = await startChild(['bin/modelgym.js', 'serve'], {
    PORT: '0',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    MODELGYM_SECRET: 'benchmark secret, not for use',
  });
  const echo = await startChild([...tsx, 'bench/echo-server.ts']);
  const api = new KeepAliveClient(modelgym.port);
  const bare = new KeepAliveClient(echo.port);
  try {
    // Warm up both servers (JIT, connection).
    await sequentialSteps(api, codecs.msgpack, 300);
    await sequentialSteps(api, codecs.json, 300);
    const msgpack = await sequentialSteps(api, codecs.msgpack, n);
    const json = await sequentialSteps(api, codecs.json, n);
    await echoLoop(bare, msgpack.lastBody, 300);
    const echoStats = await echoLoop(bare, msgpack.lastBody, n);

    const vector: Record<string, number> = {};
    for (const [batch, steps] of [
      [1, 2000],
      [64, 1000],
      [1024, 150],
    ] as const) {
      await vectorThroughput(api, batch, Math.max(5, Math.round(steps * scale * 0.2)));
      vector[`batch_${batch}`] = round(
        await vectorThroughput(api, batch, Math.max(10, Math.round(steps * scale))),
        0,
      );
    }
    inProcessLoop(20_000);
    const inProcess = round(inProcessLoop(Math.round(300_000 * scale)), 0);
    const stages = breakdown(1024, Math.max(10, Math.round(60 * scale)));

    const ratios = {
      step_p50_vs_echo_msgpack: round(msgpack.stats.p50_ms / echoStats.p50_ms, 3),
      step_p50_vs_echo_json: round(json.stats.p50_ms / echoStats.p50_ms, 3),
      vector_1024_vs_in_process: round((vector.batch_1024 ?? 0) / inProcess, 3),
    };
    const json_ = {
      benchmark: 'env',
      env: envId,
      date: new Date().toISOString(),
      node: process.version,
      quick,
      sequential: { msgpack: msgpack.stats, json: json.stats, bare_echo_msgpack: echoStats },
      vector_env_steps_per_s: vector,
      in_process_env_steps_per_s: inProcess,
      batch_1024_server_ms_by_stage: stages,
      ratios,
      targets: { step_p50_vs_echo_msgpack: '<= 1.3', vector_1024_vs_in_process: '>= 0.10' },
    };
    const md = [
      `# Env service benchmark (${envId}, ${json_.date.slice(0, 10)}, Node ${process.version}${quick ? ', quick' : ''})`,
      '',
      'Rerun: `npm run bench -- env`. One keep-alive client; servers in child processes.',
      '',
      '| sequential step | p50 ms | p99 ms | steps/s |',
      '| --- | --- | --- | --- |',
      `| modelgym msgpack | ${msgpack.stats.p50_ms} | ${msgpack.stats.p99_ms} | ${msgpack.stats.steps_per_s} |`,
      `| modelgym JSON | ${json.stats.p50_ms} | ${json.stats.p99_ms} | ${json.stats.steps_per_s} |`,
      `| bare Hono msgpack echo (same bytes) | ${echoStats.p50_ms} | ${echoStats.p99_ms} | ${echoStats.steps_per_s} |`,
      '',
      '| vector CartPole-v1 | env-steps/s |',
      '| --- | --- |',
      ...Object.entries(vector).map(([k, v]) => `| HTTP ${k.replace('_', ' ')} | ${v} |`),
      `| in-process GymEnv loop | ${inProcess} |`,
      '',
      `Ratios: step p50 / echo p50 = ${ratios.step_p50_vs_echo_msgpack} (msgpack, target ≤ 1.3), ${ratios.step_p50_vs_echo_json} (JSON); ` +
        `vector 1024 / in-process = ${ratios.vector_1024_vs_in_process} (target ≥ 0.10).`,
      '',
      'Server-side ms per batch-1024 step, by stage (in process):',
      '',
      '| stage | ms |',
      '| --- | --- |',
      ...Object.entries(stages).map(([k, v]) => `| ${k} | ${v} |`),
      '',
    ].join('\n');
    return { json: json_, markdown: md };
  } finally {
    api.close();
    bare.close();
    await modelgym.stop();
    await echo.stop();
  }
}
