/**
 * The `evaluate` job of every family that acts in served envs: episodes of one version's policy
 * (`AgentFamily.load`) from given seeds (default 0..n-1); progress per episode; the result lists
 * every episode's return and length (see ../evaluation.ts).
 * @module
 */
import { evaluateAgent } from '../evaluation.ts';
import type { AgentJobHandler } from '../family.ts';
import { loadVersion } from '../versions.ts';
import { episodeEnv } from './job-env.ts';

/** See the module doc. */
export const evaluateEpisodes: AgentJobHandler = async (ctx, job, family) => {
  const { def, record } = await episodeEnv(job);
  const p = job.params as {
    episodes?: number;
    seeds?: number[];
    max_episode_steps?: number;
    version?: number;
  };
  const seeds = p.seeds ?? Array.from({ length: p.episodes ?? 10 }, (_, i) => i);
  const loaded = await loadVersion(job.store, record.id, p.version ?? 'latest');
  if (!loaded) throw new Error(`agent "${record.id}" has no trained version`);
  const policy = await family.load(record, loaded);
  try {
    return evaluateAgent(def, record, policy, {
      seeds,
      ...(p.max_episode_steps !== undefined ? { maxSteps: p.max_episode_steps } : {}),
      onStep: () => ctx.signal.throwIfAborted(),
      onEpisode: (e, done) => ctx.progress({ done, total: seeds.length, return: e.return }),
    });
  } finally {
    await policy.dispose();
  }
};
