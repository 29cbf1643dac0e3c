/**
 * `npm run bench -- mujoco`: HalfCheetah-v5 env-steps/s through the vector endpoint (server in
 * its own process, msgpack, float32 action tensors) next to a raw mujoco-js loop (ctrl + 5 ×
 * `mj_step` per env step, the same work without tokens, HTTP or Gymnasium semantics) in this
 * process, in the same run.
 */
import { loadHalfCheetah } from '../src/envs/mujoco/half-cheetah.ts';
import { Generator } from '../src/rng/generator.ts';
import { packMsgpack, unpackMsgpack } from '../src/wire/msgpack.ts';
import { startChild } from './child-server.ts';
import { KeepAliveClient } from './http-client.ts';
import { msSince, round } from './stats.ts';

const frameSkip = 5;

async function rawLoop(steps: number): Promise<number> {
  const def = await loadHalfCheetah();
  const { mj, model, data } = def.model.scratch();
  const rng = Generator.fromSeed(0);
  mj.mj_resetData(model, data);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < steps; i++) {
    for (let j = 0; j < 6; j++) data.ctrl[j] = rng.uniform(-1, 1);
    for (let k = 0; k < frameSkip; k++) mj.mj_step(model, data);
    if (i % 1000 === 999) mj.mj_resetData(model, data);
  }
  return steps / (msSince(t0) / 1000);
}

async function vectorLoop(client: KeepAliveClient, batch: number, steps: number): Promise<number> {
  const path = '/v1/envs/HalfCheetah-v5/vector';
  const type = 'application/msgpack';
  const reset = unpackMsgpack(
    (await client.post(`${path}/reset`, packMsgpack({ num_envs: batch, seed: 0 }), type)).body,
  ) as { state: string };
  let state = reset.state;
  const rng = Generator.fromSeed(1);
  const actions = new Float32Array(batch * 6);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < steps; i++) {
    for (let j = 0; j < actions.length; j++) actions[j] = rng.uniform(-1, 1);
    const action = { dtype: 'float32', shape: [batch, 6], data: new Uint8Array(actions.buffer) };
    const res = await client.post(`${path}/step`, packMsgpack({ state, action }), type);
    if (res.status !== 200) throw new Error(`vector step failed: ${res.status} ${res.body.toString()}`);
    state = (unpackMsgpack(res.body) as { state: string }).state;
  }
  return (batch * steps) / (msSince(t0) / 1000);
}

/** Runs the MuJoCo benchmark; `quick` shrinks the loops. */
export async function benchMujoco(
  quick: boolean,
): Promise<{ json: Record<string, unknown>; markdown: string }> {
  const scale = quick ? 0.1 : 1;
  const server = await startChild(['bin/modelgym.js', 'serve'], {
    PORT: '0',
    MODELGYM_SECRET: 'benchmark secret, not for use',
  });
  const client = new KeepAliveClient(server.port);
  try {
    await rawLoop(2000);
    const raw = round(await rawLoop(Math.round(30_000 * scale)), 0);
    const vector: Record<string, number> = {};
    for (const [batch, steps] of [
      [1, 1000],
      [64, 100],
      [256, 30],
    ] as const) {
      await vectorLoop(client, batch, Math.max(3, Math.round(steps * scale * 0.2)));
      vector[`batch_${batch}`] = round(
        await vectorLoop(client, batch, Math.max(5, Math.round(steps * scale))),
        0,
      );
    }
    const best = Math.max(...Object.values(vector));
    const json = {
      benchmark: 'mujoco',
      env: 'HalfCheetah-v5',
      date: new Date().toISOString(),
      quick,
      raw_mujoco_env_steps_per_s: raw,
      vector_env_steps_per_s: vector,
      best_vector_over_raw: round(best / raw, 3),
      target: 'best_vector_over_raw >= 0.5',
    };
    const markdown = [
      `# MuJoCo benchmark (HalfCheetah-v5, ${json.date.slice(0, 10)}${quick ? ', quick' : ''})`,
      '',
      'Rerun: `npm run bench -- mujoco`. Raw loop: ctrl + 5 × mj_step per env step, in the bench process;',
      'vector: POST /vector/step with float32 action tensors, server in its own process.',
      '',
      '| loop | env-steps/s |',
      '| --- | --- |',
      `| raw mujoco-js | ${raw} |`,
      ...Object.entries(vector).map(([k, v]) => `| HTTP vector ${k.replace('_', ' ')} | ${v} |`),
      '',
      `Best vector / raw = ${json.best_vector_over_raw} (target ≥ 0.5).`,
      '',
    ].join('\n');
    return { json, markdown };
  } finally {
    client.close();
    await server.stop();
  }
}
