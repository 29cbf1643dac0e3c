/**
 * A full disk (ENOSPC) is a 507 problem, logged, and changes nothing: the transitions posted
 * while the disk was full are not counted, and the agent takes the next batch once there is room.
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentService } from '../../src/agents/service.ts';
import { agentLimits, loadSpec } from '../../src/http/spec.ts';
import { Keyring, stateKeyFromSecret } from '../../src/state/keyring.ts';
import { openStore } from '../../src/store/index.ts';
import { pendulumBatch } from '../helpers/agents.ts';
import { call, post, problem, testApp, testJobRunner, testRegistry, testSecret } from '../helpers/app.ts';

describe('a full disk', () => {
  it('answers 507 insufficient-storage in the negotiated encoding and stores nothing', async () => {
    const store = openStore(join(tmpdir(), `modelgym-disk-full-${randomUUID()}`));
    let full = false;
    const enospc = () =>
      Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const filling = new Proxy(store, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (full && (prop === 'appendSegment' || prop === 'putBlob' || prop === 'createDoc'))
            throw enospc();
          return value.apply(target, args);
        };
      },
    });
    const spec = loadSpec();
    const jobs = testJobRunner();
    const agents = new AgentService({
      store: filling,
      registry: testRegistry,
      keyring: new Keyring(stateKeyFromSecret(testSecret)),
      jobs,
      limits: agentLimits(spec),
    });
    const app = testApp({ jobs, agents });
    const created = await post<{ id: string }>(app, '/v1/agents', {
      type: 'mpc',
      env_id: 'Pendulum-v1',
      preset: 'fast',
    });
    full = true;
    const refused = await post<{ type: string }>(
      app,
      `/v1/agents/${created.body.id}/transitions`,
      pendulumBatch(),
      'msgpack',
    );
    expect([refused.status, refused.body.type]).toEqual([507, problem('insufficient-storage')]);
    expect(refused.contentType).toContain('msgpack');
    const again = await post(app, '/v1/agents', { type: 'mpc', env_id: 'Pendulum-v1' });
    expect(again.status).toBe(507);
    full = false;
    expect(
      (await call<{ transitions: number }>(app, 'GET', `/v1/agents/${created.body.id}`)).body.transitions,
    ).toBe(0);
    const stored = await post<{ transitions: number }>(
      app,
      `/v1/agents/${created.body.id}/transitions`,
      pendulumBatch(),
    );
    expect([stored.status, stored.body.transitions]).toEqual([200, 400]);
    await agents.close();
  });
});
