import { describe, expect, it } from 'vitest';
import { formatOneSegment } from '../../../test/helpers/segments.ts';
import { classicControlEnvs } from '../../envs/classic-control/index.ts';
import type { EnvDefinition } from '../../envs/env.ts';
import { envInstance } from '../../envs/instance.ts';
import { stretchEnds } from '../../experience/boundaries.ts';
import type { Transitions } from '../../experience/columns.ts';
import { concatTransitions } from '../../experience/concat.ts';
import { randomPolicy } from '../../experience/policy.ts';
import { TransitionRecorder } from '../../experience/recorder.ts';
import { lambdaReturns } from '../../experience/returns.ts';
import { runRollout } from '../../experience/rollout.ts';
import { decodeSegment } from '../../experience/segments.ts';
import { ensembleValueModel } from '../../planners/value-model.ts';
import { loadTf } from '../../tensor/backend.ts';
import { VALUE_DEFAULTS } from './config.ts';
import { fitValue, valueTargets } from './value-fit.ts';

/**
 * Episodes of 20 steps, reward 1 each, the last one terminating; the observation is the fraction
 * of the episode left, so the true value of an observation `k / 20` is `(1 - gamma^k) / (1 - gamma)`.
 */
function countdown(episodes: number): Transitions {
  const n = episodes * 20;
  const obs = new Float32Array(n);
  const nextObs = new Float32Array(n);
  const terminated = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const left = 20 - (i % 20);
    obs[i] = left / 20;
    nextObs[i] = (left - 1) / 20;
    terminated[i] = left === 1 ? 1 : 0;
  }
  return { obs, nextObs, terminated, reward: new Float32Array(n).fill(1), action: new Float32Array(n), n };
}

describe('value fit', () => {
  it('learns the discounted return to go of a countdown, without leaking tensors', async () => {
    const tf = await loadTf();
    const before = tf.memory().numTensors;
    const gamma = 0.9;
    const section = {
      ...VALUE_DEFAULTS,
      discount: gamma,
      lambda: 0.9,
      rounds: 4,
      epochs: 40,
      hidden_sizes: [32, 32],
    };
    const fit = await fitValue(countdown(10), 1, section, { seed: 0 });
    const model = ensembleValueModel(fit.ensemble, 1);
    const probe = Float32Array.of(20 / 20, 10 / 20, 1 / 20);
    const got = model.value(probe, 3);
    const truth = [20, 10, 1].map((k) => (1 - gamma ** k) / (1 - gamma));
    for (let i = 0; i < 3; i++) expect(Math.abs(got[i]! - truth[i]!)).toBeLessThan(0.1 * truth[i]! + 0.2);
    // The planner's view is the lowest member's prediction.
    const own = await fit.ensemble.predict(probe, 3);
    for (let i = 0; i < 3; i++) expect(got[i]).toBeCloseTo(Math.min(...own.means.map((m) => m[i]!)), 4);
    model.dispose();
    // Clipped to the range of the fitted targets: [1, 8.78] here, whatever the networks extrapolate.
    expect(fit.targetRange[0]).toBeCloseTo(1, 5);
    expect(fit.targetRange[1]).toBeGreaterThan(8);
    const clipped = ensembleValueModel(fit.ensemble, 1, fit.targetRange);
    const far = clipped.value(Float32Array.of(-50, 50), 2);
    for (const v of far) {
      expect(v).toBeGreaterThanOrEqual(fit.targetRange[0]);
      expect(v).toBeLessThanOrEqual(fit.targetRange[1]);
    }
    clipped.dispose();
    // Training further from the previous ensemble keeps it (and its tensors) in use.
    const again = await fitValue(
      countdown(10),
      1,
      { ...section, rounds: 1, epochs: 2 },
      { previous: fit.ensemble, seed: 1 },
    );
    expect(again.ensemble).toBe(fit.ensemble);
    again.ensemble.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the value model refuses an ensemble that is not a value', async () => {
    const fit = await fitValue(countdown(1), 1, { ...VALUE_DEFAULTS, rounds: 1, epochs: 1 }, { seed: 0 });
    expect(() => ensembleValueModel(fit.ensemble, 2)).toThrow(/maps 2 observation values/);
    fit.ensemble.dispose();
  });
});

describe('value targets', () => {
  /** Random episodes back to back (as the learn loop stores them), with `truncated` recorded. */
  function logged(id: string, episodes: number, maxSteps?: number): Transitions {
    const def = classicControlEnvs.find((e) => e.id === id) as EnvDefinition;
    const recorder = new TransitionRecorder();
    const policy = randomPolicy(envInstance(def, {}).actionSpace);
    for (let k = 0; k < episodes; k++) {
      runRollout(def, { policy, seed: k, recorder, ...(maxSteps ? { maxSteps } : {}) });
    }
    return recorder.drain();
  }

  /** The rows as a format 1 segment held them (no truncated), read back. */
  function throughFormat1(t: Transitions, obsDim: number): Transitions {
    return decodeSegment(formatOneSegment(t, obsDim, 1), obsDim, 1);
  }

  it('on data stored before truncated (format 1) are the targets of before, bit for bit', () => {
    const section = { discount: 0.98, lambda: 0.95 };
    for (const [id, obsDim, data] of [
      // Terminations (CartPole), and time limits plus cut episodes (Pendulum, 150 steps of 200).
      ['CartPole-v1', 4, logged('CartPole-v1', 20)],
      ['Pendulum-v1', 3, concatTransitions([logged('Pendulum-v1', 2), logged('Pendulum-v1', 3, 150)], 3, 1)],
    ] as const) {
      const v1 = throughFormat1(data, obsDim);
      expect(v1.truncated!.every((x) => x === 0)).toBe(true);
      const nextValue = Float32Array.from({ length: v1.n }, (_, i) => Math.sin(i) * 20);
      const before = lambdaReturns({
        ...section,
        reward: v1.reward,
        terminated: v1.terminated,
        ends: stretchEnds(v1, obsDim),
        nextValue,
      });
      const now = valueTargets(v1, obsDim, nextValue, section);
      expect(new Uint8Array(now.buffer), id).toEqual(new Uint8Array(before.buffer));
      // Rows stored now, with truncated, give the same targets too: every truncation is followed
      // by a reset, which the observation comparison already found.
      const v2 = valueTargets(data, obsDim, nextValue, section);
      expect(data.truncated!.some((x) => x === 1)).toBe(id === 'Pendulum-v1');
      expect(new Uint8Array(v2.buffer), id).toEqual(new Uint8Array(before.buffer));
    }
  });
});
