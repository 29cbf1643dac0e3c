/**
 * A vector batch whose state token would exceed the spec's StateToken limit is refused at reset
 * with a 422 naming the largest batch that fits, and that batch steps (the hardening review found
 * the server refusing its own tokens past 2,504 HalfCheetahs, at step time).
 */
import { describe, expect, it } from 'vitest';
import { post, problem, testApp } from '../helpers/app.ts';

const app = testApp();
const url = (id: string, op: string) => `/v1/envs/${encodeURIComponent(id)}/vector/${op}`;

describe('vector token limit', () => {
  it('refuses a batch too large for its token at reset, naming the largest that fits, which steps', async () => {
    const big = await post<{ type: string; detail: string }>(app, url('HalfCheetah-v5', 'reset'), {
      num_envs: 4096,
      seed: 0,
    });
    expect([big.status, big.body.type]).toEqual([422, problem('invalid-argument')]);
    const largest = Number(/at most (\d+) fit/.exec(big.body.detail)![1]);
    expect(largest).toBeGreaterThan(1000);
    expect(largest).toBeLessThan(4096);
    const ok = await post<{ state: string }>(app, url('HalfCheetah-v5', 'reset'), {
      num_envs: largest,
      seed: 0,
    });
    expect(ok.status).toBe(200);
    const actions = Array.from({ length: largest }, () => [0, 0, 0, 0, 0, 0]);
    const step = await post(app, url('HalfCheetah-v5', 'step'), { state: ok.body.state, action: actions });
    expect(step.status).toBe(200);
  });
});
