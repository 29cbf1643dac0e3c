import { describe, expect, it } from 'vitest';
import { NAMESPACED_ENV_ID } from '../../src/http/app.ts';
import { loadSpec, specOperations } from '../../src/http/spec.ts';
import { call, post, testApp, testRegistry } from '../helpers/app.ts';

const app = testApp();

describe('the app serves exactly the spec', () => {
  it('has one route per spec operation (env routes also with a two-segment namespaced id) and nothing else', () => {
    const ops = specOperations(loadSpec());
    const fromSpec = ops
      .flatMap((op) => {
        const route = `${op.method.toUpperCase()} ${op.honoPath}`;
        return op.honoPath.includes(':env_id')
          ? [route, route.replace(':env_id', NAMESPACED_ENV_ID)]
          : [route];
      })
      .sort();
    const served = app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(served).toEqual(fromSpec);
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(ops.length);
  });
});

describe('ops routes', () => {
  it('reports health', async () => {
    const r = await call(app, 'GET', '/v1/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', version: 'test', envs: testRegistry.size });
    expect(r.body.state_key_id).toMatch(/^k[0-9a-f]{12}$/);
  });

  it('echoes a well-formed X-Request-Id and makes one otherwise', async () => {
    const mine = await app.request('/v1/health', { headers: { 'x-request-id': 'grader-42' } });
    expect(mine.headers.get('x-request-id')).toBe('grader-42');
    const made = await app.request('/v1/health', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exposes Prometheus metrics, counting steps per env', async () => {
    const r = await post<{ state: string }>(app, '/v1/envs/CartPole-v1/reset', { seed: 0 });
    await post(app, '/v1/envs/CartPole-v1/step', { state: r.body.state, action: 0 });
    const m = await app.request('/metrics');
    expect(m.headers.get('content-type')).toContain('text/plain');
    const text = await m.text();
    expect(text).toContain('modelgym_env_steps_total{env_id="CartPole-v1"} 1');
    expect(text).toMatch(
      /modelgym_http_request_duration_seconds_count\{method="POST",route="\/v1\/envs\/\{env_id\}\/step",status="200"\} 1/,
    );
  });

  it('serves the spec and an offline API reference page with its assets', async () => {
    const spec = await app.request('/openapi.yaml');
    expect(await spec.text()).toContain('openapi: 3.1.0');
    const docs = await app.request('/docs');
    const html = await docs.text();
    expect(html).toContain('/docs/assets/swagger-ui-bundle.js');
    const js = await app.request('/docs/assets/swagger-ui-bundle.js');
    expect(js.status).toBe(200);
    expect((await js.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    const missing = await app.request('/docs/assets/package.json');
    expect(missing.status).toBe(404);
    const traversal = await app.request('/docs/assets/..%2Fpackage.json');
    expect(traversal.status).toBe(422);
  });
});
