import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { packMsgpack, unpackMsgpack } from '../../src/wire/msgpack.ts';
import { findPython, runPython } from '../helpers/python.ts';

const dataDir = await mkdtemp(join(tmpdir(), 'modelgym-server-'));
const silent = pino({ level: 'silent' });
const start = () => startServer(loadConfig({ PORT: '0', MODELGYM_DATA_DIR: dataDir }), silent);
const servers: RunningServer[] = [];

afterAll(async () => {
  for (const s of servers) await s.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function postMsgpack(
  port: number,
  path: string,
  body: unknown,
): Promise<{ status: number; bytes: Uint8Array }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/msgpack', accept: 'application/msgpack' },
    body: Buffer.from(packMsgpack(body)),
  });
  return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('the real server', () => {
  it('continues an episode after a restart on the same data dir (key file reused)', async () => {
    const first = await start();
    servers.push(first);
    const reset = await postMsgpack(first.port, '/v1/envs/MountainCar-v0/reset', { seed: 4 });
    const { state } = unpackMsgpack(reset.bytes) as { state: string };
    const expected = unpackMsgpack(
      (await postMsgpack(first.port, '/v1/envs/MountainCar-v0/step', { state, action: 2 })).bytes,
    );
    await first.close();
    servers.pop();
    const second = await start();
    servers.push(second);
    const again = await postMsgpack(second.port, '/v1/envs/MountainCar-v0/step', { state, action: 2 });
    const health = (await (await fetch(`http://127.0.0.1:${second.port}/v1/health`)).json()) as {
      tensor_backend: { name: string; tried: { name: string; ok: boolean }[] };
    };
    // No GPU or native TensorFlow here: selection falls through to wasm, and says why.
    expect(health.tensor_backend.name).toBe('wasm');
    expect(health.tensor_backend.tried.at(-1)).toMatchObject({ name: 'wasm', ok: true });
    expect(again.status).toBe(200);
    const { state: s1, ...t1 } = expected as Record<string, unknown>;
    const { state: s2, ...t2 } = unpackMsgpack(again.bytes) as Record<string, unknown>;
    expect(t2).toEqual(t1);
    expect(typeof s1).toBe(typeof s2);
  });

  const python = findPython(['msgpack']);
  it.skipIf(!python)("answers msgpack that Python's msgpack library decodes", async () => {
    const server = servers[0]!;
    const reset = await postMsgpack(server.port, '/v1/envs/Pendulum-v1/reset', { seed: 0 });
    const decoded = JSON.parse(
      runPython(
        python!,
        'import sys, json, msgpack; d = msgpack.unpackb(sys.stdin.buffer.read(), raw=False); print(json.dumps({k: (v if k != "state" else type(v).__name__) for k, v in d.items()}))',
        reset.bytes,
      ),
    );
    expect(decoded.state).toBe('str');
    expect(decoded.observation).toHaveLength(3);
    expect(decoded.info).toEqual({});
    const spaceBytes = await fetch(`http://127.0.0.1:${server.port}/v1/envs/CartPole-v1`, {
      headers: { accept: 'application/msgpack' },
    });
    const high = runPython(
      python!,
      'import sys, msgpack; d = msgpack.unpackb(sys.stdin.buffer.read()); print(d["observation_space"]["high"][1])',
      new Uint8Array(await spaceBytes.arrayBuffer()),
    );
    expect(high.trim()).toBe('inf');
    // And the server reads what Python's msgpack writes.
    const packed = runPython(
      python!,
      'import base64, msgpack; print(base64.b64encode(msgpack.packb({"seed": 0, "options": {"low": -0.1, "high": 0.1}})).decode())',
    );
    const res = await fetch(`http://127.0.0.1:${server.port}/v1/envs/CartPole-v1/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/msgpack' },
      body: Buffer.from(packed.trim(), 'base64'),
    });
    expect(res.status).toBe(200);
  });
});
