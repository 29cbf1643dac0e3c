import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { post, testApp } from '../helpers/app.ts';

const app = testApp();

describe('replay', () => {
  it('returns the same trajectory as stepping through tokens, with the return', async () => {
    const actions = [0, 1, 1, 0, 1, 0, 0, 1];
    const replay = await post<Record<string, unknown>>(app, '/v1/envs/CartPole-v1/replay', {
      seed: 4,
      actions,
    });
    expect(replay.status).toBe(200);
    const r = await post<{ observation: number[]; state: string }>(app, '/v1/envs/CartPole-v1/reset', {
      seed: 4,
    });
    const observations = [r.body.observation];
    let state = r.body.state;
    for (const action of actions) {
      const s = await post<{ observation: number[]; state: string }>(app, '/v1/envs/CartPole-v1/step', {
        state,
        action,
      });
      observations.push(s.body.observation);
      state = s.body.state;
    }
    expect(replay.body.observations).toEqual(observations);
    expect(replay.body).toMatchObject({ return: 8, length: 8, ended: false, rewards: new Array(8).fill(1) });
    const again = await post(app, '/v1/envs/CartPole-v1/replay', { seed: 4, actions }, 'msgpack');
    expect(again.body).toEqual(replay.body);
  });

  it('409 for an action after the end, 422 naming a bad action', async () => {
    const long = await post(app, '/v1/envs/CartPole-v1/replay', { seed: 0, actions: new Array(300).fill(1) });
    expect(long.status).toBe(409);
    expect(long.body.detail).toMatch(/ended at step \d+/);
    const bad = await post(app, '/v1/envs/CartPole-v1/replay', { seed: 0, actions: [0, 1, 3] });
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toMatch(/actions\[2\]/);
  });

  it('accepts actions as a tensor with time as the first axis', async () => {
    const data = new Uint8Array(new Float32Array([0.5, -0.5, 1]).buffer);
    const viaTensor = await post(
      app,
      '/v1/envs/Pendulum-v1/replay',
      { seed: 1, actions: { dtype: 'float32', shape: [3, 1], data } },
      'msgpack',
    );
    const viaArray = await post(
      app,
      '/v1/envs/Pendulum-v1/replay',
      { seed: 1, actions: [[0.5], [-0.5], [1]] },
      'msgpack',
    );
    expect(viaTensor.status).toBe(200);
    expect(viaTensor.body).toEqual(viaArray.body);
  });
});

function pngPixels(bytes: Uint8Array): { width: number; height: number; raw: Buffer } {
  const buf = Buffer.from(bytes);
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let o = 8; o < buf.length; ) {
    const len = buf.readUInt32BE(o);
    if (buf.toString('latin1', o + 4, o + 8) === 'IDAT') idat.push(buf.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  return { width, height, raw: inflateSync(Buffer.concat(idat)) };
}

describe('render', () => {
  for (const envId of [
    'CartPole-v1',
    'Pendulum-v1',
    'MountainCar-v0',
    'MountainCarContinuous-v0',
    'Acrobot-v1',
  ]) {
    it(`draws ${envId} as PNG, and the picture changes with the state`, async () => {
      const a = await post<{ state: string }>(app, `/v1/envs/${envId}/reset`, { seed: 0 });
      const b = await post<{ state: string }>(app, `/v1/envs/${envId}/reset`, {
        seed: 0,
        options: {
          state:
            envId === 'Pendulum-v1'
              ? [2, 0]
              : envId === 'Acrobot-v1'
                ? [1, -1, 0, 0]
                : envId.startsWith('Mountain')
                  ? [0.3, 0]
                  : [1.5, 0, 0.15, 0],
        },
      });
      const imgA = await app.request(`/v1/envs/${envId}/render`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ state: a.body.state }),
      });
      expect(imgA.status).toBe(200);
      expect(imgA.headers.get('content-type')).toBe('image/png');
      const imgB = await app.request(`/v1/envs/${envId}/render`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ state: b.body.state }),
      });
      const pa = pngPixels(new Uint8Array(await imgA.arrayBuffer()));
      const pb = pngPixels(new Uint8Array(await imgB.arrayBuffer()));
      expect([pa.width, pa.height]).toEqual([pb.width, pb.height]);
      let differing = 0;
      for (let i = 0; i < pa.raw.length; i++) if (pa.raw[i] !== pb.raw[i]) differing++;
      expect(differing).toBeGreaterThan(200);
    });
  }

  it('answers an RGB array tensor on request', async () => {
    const a = await post<{ state: string }>(app, '/v1/envs/CartPole-v1/reset', { seed: 0 });
    const r = await post<{ image: { dtype: string; shape: number[]; data: Uint8Array } }>(
      app,
      '/v1/envs/CartPole-v1/render',
      { state: a.body.state, mode: 'rgb_array' },
      'msgpack',
    );
    expect(r.body.image.dtype).toBe('uint8');
    expect(r.body.image.shape).toEqual([400, 600, 3]);
    expect(r.body.image.data.byteLength).toBe(400 * 600 * 3);
  });
});
