import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../envs/index.ts';
import type { Transitions } from '../../experience/columns.ts';
import type { Policy } from '../../experience/policy.ts';
import type { AgentRecord } from '../record.ts';
import { type LoopProgress, type OffPolicyLearner, runOffPolicyLoop } from './off-policy.ts';

const def = builtinRegistry().get('CartPole-v1');
const record = { env: { envId: 'CartPole-v1' } } as AgentRecord;
const fresh = (): LoopProgress => ({ steps: 0, episodes: [], version: 0, sinceUpdate: 0 });

/** Random until its first update, then always pushes right; updates every 40 steps at an episode end. */
function recordingLearner() {
  const log = { steps: 0, episodeRows: [] as number[], finished: -1 };
  let version = 0;
  const right: Policy = { act: () => 1 };
  const learner: OffPolicyLearner = {
    episodePolicy: () => (version > 0 ? { policy: right, version } : null),
    afterStep: () => {
      log.steps++;
    },
    async afterEpisode(progress, rows: Transitions) {
      log.episodeRows.push(rows.n);
      if (progress.sinceUpdate < 40) return false;
      version++;
      progress.version = version;
      return true;
    },
    async finish(rows) {
      log.finished = rows.n;
    },
  };
  return { learner, log };
}

describe('off-policy loop', () => {
  it('acts randomly until the learner has a policy, hands it every step and episode, and checkpoints when it moves on', async () => {
    const { learner, log } = recordingLearner();
    const checkpoints: LoopProgress[] = [];
    const done = await runOffPolicyLoop(def, record, learner, { steps: 150, seed: 3 }, fresh(), {
      onCheckpoint: async (p) => {
        checkpoints.push(p);
      },
    });
    expect(done.steps).toBe(150);
    expect(log.steps).toBe(150);
    expect(done.episodes.map((e) => e.seed)).toEqual(done.episodes.map((_, i) => 3 + i));
    // Every episode's rows went to the learner or, for the last, to finish.
    expect(log.episodeRows.reduce((a, b) => a + b, 0) + log.finished).toBe(150);
    expect(checkpoints.length).toBeGreaterThan(0);
    expect(checkpoints.every((c) => c.sinceUpdate === 0)).toBe(true);
    const first = done.episodes.findIndex((e) => !e.random);
    expect(first).toBeGreaterThan(0);
    expect(done.episodes.slice(first).every((e) => e.version > 0)).toBe(true);
    // The budget cuts the last episode.
    expect(done.episodes.at(-1)!.steps).toBe(150);
  });

  it('resumes from a checkpoint with the next episode, as the uninterrupted run went on', async () => {
    const whole = await runOffPolicyLoop(
      def,
      record,
      recordingLearner().learner,
      { steps: 150, seed: 3 },
      fresh(),
    );
    const a = recordingLearner();
    const checkpoints: LoopProgress[] = [];
    await runOffPolicyLoop(def, record, a.learner, { steps: 150, seed: 3 }, fresh(), {
      onCheckpoint: async (p) => {
        checkpoints.push(p);
      },
    });
    const from = structuredClone(checkpoints[0]!);
    // A learner that has the checkpoint's version (as a family's would after loading it).
    const b = recordingLearner();
    for (let v = 0; v < from.version; v++)
      await b.learner.afterEpisode({ ...from, sinceUpdate: 40 }, { n: 0 } as Transitions);
    const resumed = await runOffPolicyLoop(def, record, b.learner, { steps: 150, seed: 3 }, from);
    expect(resumed.episodes.map((e) => [e.seed, e.return, e.length])).toEqual(
      whole.episodes.map((e) => [e.seed, e.return, e.length]),
    );
  });
});
