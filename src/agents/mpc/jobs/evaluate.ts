/**
 * MPC's `evaluate` job: episodes of the agent's MPC policy from given seeds (default 0..n-1) on a
 * served env; progress per episode; the result lists every episode's return and length.
 * @module
 */
import type { AgentJobHandler } from '../../family.ts';
import { episodeEnv } from '../../jobs/job-env.ts';
import { loadVersion } from '../../versions.ts';
import { runEpisode } from '../episodes.ts';
import { MpcPolicy } from '../policy.ts';
import type { MpcRecord } from '../record.ts';

/** See the module doc. */
export const evaluate: AgentJobHandler = async (ctx, job) => {
  const { def, record: r } = await episodeEnv(job);
  const record = r as MpcRecord;
  const p = job.params as {
    episodes?: number;
    seeds?: number[];
    max_episode_steps?: number;
    version?: number;
  };
  const seeds = p.seeds ?? Array.from({ length: p.episodes ?? 10 }, (_, i) => i);
  const loaded = await loadVersion(job.store, record.id, p.version ?? 'latest');
  if (!loaded) throw new Error(`agent "${record.id}" has no trained version`);
  const policy = await MpcPolicy.build(record, loaded);
  try {
    const episodes = [];
    for (const seed of seeds) {
      const e = runEpisode(def, record, {
        seed,
        policy,
        ...(p.max_episode_steps !== undefined ? { maxSteps: p.max_episode_steps } : {}),
        onStep: () => ctx.signal.throwIfAborted(),
      });
      episodes.push(e);
      ctx.progress({ done: episodes.length, total: seeds.length, return: e.return });
    }
    const returns = episodes.map((e) => e.return);
    const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
    const std = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / returns.length);
    return { version: loaded.version, episodes, returns, mean, std };
  } finally {
    await policy.dispose();
  }
};
