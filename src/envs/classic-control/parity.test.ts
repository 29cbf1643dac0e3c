/**
 * Parity with Gymnasium 1.x under numpy 1.24, from test/fixtures/classic-control-vectors.json.
 *
 * Resets must match exactly (same generator draws, same float32 casts). Steps are compared in
 * two ways: each one from the recorded state (isolates one step; float32 observations within
 * 1e-6, and mostly bit-exact), and whole episodes chained from the reset (within 1e-5). The
 * difference between the two is last-bit disagreement of sin/cos: V8's fdlibm vs what numpy
 * called when the vectors were made (SVML on AVX512 CPUs, libm elsewhere; see the fixture's
 * `generator` block). Set PARITY_REPORT=1 to print the bit-exact counts and largest errors.
 */
import { describe, expect, it } from 'vitest';
import {
  loadClassicControlVectors,
  type RecordedEpisode,
} from '../../../test/helpers/classic-control-vectors.ts';
import { Generator } from '../../rng/generator.ts';
import type { SpaceValue } from '../../spaces/space.ts';
import type { EnvDefinition, PhysicalState } from '../env.ts';
import { classicControlEnvs } from './index.ts';

const vectors = loadClassicControlVectors();
const STEP_TOLERANCE = 1e-6;
const EPISODE_TOLERANCE = 1e-5;

interface Stats {
  steps: number;
  exactSteps: number;
  maxStepError: number;
  maxStepStateError: number;
  exactStates: number;
  episodeSteps: number;
  exactEpisodeSteps: number;
  maxEpisodeError: number;
  exactRewards: number;
}
const report: Record<string, Stats> = {};

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function setup(def: EnvDefinition, ep: RecordedEpisode) {
  const params = def.params({ ...def.defaultKwargs, ...ep.kwargs });
  const actionSpace = def.actionSpace(params);
  const act = (a: number | number[]): SpaceValue => actionSpace.parse(a);
  return { params, act };
}

/** Float32 rows of a trajectory for the batched functions: obs before and after every step. */
function rows(ep: RecordedEpisode) {
  const before = [ep.reset_obs, ...ep.steps.slice(0, -1).map((s) => s.obs)];
  const n = ep.steps.length;
  const obs = Float32Array.from(before.flat());
  const nextObs = Float32Array.from(ep.steps.flatMap((s) => s.obs));
  const action = Float32Array.from(ep.steps.flatMap((s) => s.action));
  return { n, obs, nextObs, action };
}

describe.each(classicControlEnvs.map((def) => [def.id, def] as const))('%s parity', (id, def) => {
  const episodes = vectors.envs[id];
  if (!episodes) throw new Error(`no vectors for ${id}`);
  const stats: Stats = {
    steps: 0,
    exactSteps: 0,
    maxStepError: 0,
    maxStepStateError: 0,
    exactStates: 0,
    episodeSteps: 0,
    exactEpisodeSteps: 0,
    maxEpisodeError: 0,
    exactRewards: 0,
  };
  report[id] = stats;

  const label = (ep: RecordedEpisode) =>
    `seed ${ep.seed}, ${ep.policy}${Object.keys(ep.kwargs).length ? `, kwargs ${JSON.stringify(ep.kwargs)}` : ''}` +
    `${ep.options ? `, options ${JSON.stringify(ep.options)}` : ''}`;

  describe.each(episodes.map((ep) => [label(ep), ep] as const))('%s', (_label, ep) => {
    it('reset draws the same state and observation', () => {
      const { params } = setup(def, ep);
      const rng = Generator.fromSeed(ep.seed);
      const state = def.initial(rng, params, ep.options ?? {});
      expect(state).toEqual(ep.reset_state);
      const obs = def.observation(state, params) as Float32Array;
      expect(obs).toBeInstanceOf(Float32Array);
      expect(Array.from(obs)).toEqual(ep.reset_obs);
      if (ep.second_reset) {
        // reset() without a seed keeps drawing from the episode's generator (steps never draw).
        const again = def.initial(rng, params, {});
        expect(again).toEqual(ep.second_reset.state);
        expect(Array.from(def.observation(again, params) as Float32Array)).toEqual(ep.second_reset.obs);
      }
    });

    it('each step from the recorded state', () => {
      const { params, act } = setup(def, ep);
      const rng = Generator.fromSeed(0);
      ep.steps.forEach((step, i) => {
        const action = act(step.action);
        const next = def.transition(step.state, action, params, rng);
        const obs = def.observation(next, params) as Float32Array;
        const err = maxAbsDiff(obs, step.obs);
        expect(err, `step ${i} obs`).toBeLessThanOrEqual(STEP_TOLERANCE);
        stats.steps++;
        if (sameBits(obs, step.obs)) stats.exactSteps++;
        stats.maxStepError = Math.max(stats.maxStepError, err);
        const recordedNext = ep.steps[i + 1]?.state ?? ep.final_state;
        stats.maxStepStateError = Math.max(stats.maxStepStateError, maxAbsDiff(next, recordedNext));
        if (sameBits(next, recordedNext)) stats.exactStates++;

        const reward = def.reward(step.state, action, next, params);
        expect(reward, `step ${i} reward`).toBeCloseTo(step.reward, 9);
        if (Object.is(reward, step.reward)) stats.exactRewards++;
        expect(def.terminal(next, params), `step ${i} terminated`).toBe(step.terminated);
      });
    });

    it('the whole episode from the reset', () => {
      const { params, act } = setup(def, ep);
      const rng = Generator.fromSeed(ep.seed);
      let state: PhysicalState = def.initial(rng, params, ep.options ?? {});
      ep.steps.forEach((step, i) => {
        const action = act(step.action);
        const next = def.transition(state, action, params, rng);
        const obs = def.observation(next, params) as Float32Array;
        const err = maxAbsDiff(obs, step.obs);
        expect(err, `step ${i} obs`).toBeLessThanOrEqual(EPISODE_TOLERANCE);
        stats.episodeSteps++;
        if (sameBits(obs, step.obs)) stats.exactEpisodeSteps++;
        stats.maxEpisodeError = Math.max(stats.maxEpisodeError, err);
        expect(def.reward(state, action, next, params), `step ${i} reward`).toBeCloseTo(step.reward, 4);
        expect(def.terminal(next, params), `step ${i} terminated`).toBe(step.terminated);
        state = next;
      });
    });

    it('batched reward and termination agree with the steps', () => {
      const { params } = setup(def, ep);
      const { n, obs, nextObs, action } = rows(ep);
      const reward = def.batched.reward(obs, action, nextObs, n, params);
      const terminal = def.batched.terminal(nextObs, n, params);
      expect(reward).toBeInstanceOf(Float32Array);
      expect(terminal).toBeInstanceOf(Uint8Array);
      ep.steps.forEach((step, i) => {
        // Float32 results, and Pendulum recovers theta from float32 cos/sin: relative 1e-5.
        expect(Math.abs(reward[i]! - step.reward), `row ${i} reward`).toBeLessThanOrEqual(
          1e-5 * Math.max(1, Math.abs(step.reward)),
        );
        expect(terminal[i], `row ${i} terminal`).toBe(step.terminated ? 1 : 0);
      });
    });
  });

  it('keeps most steps bit-exact', () => {
    expect(stats.steps).toBeGreaterThan(0);
    expect(stats.exactSteps / stats.steps).toBeGreaterThanOrEqual(0.95);
    if (process.env['PARITY_REPORT']) process.stdout.write(`${id} ${JSON.stringify(stats)}\n`);
  });
});

it('the vectors cover terminal steps and all reset-option kinds', () => {
  const all = Object.values(vectors.envs).flat();
  expect(all.some((ep) => ep.steps.some((s) => s.terminated))).toBe(true);
  for (const id of ['MountainCar-v0', 'MountainCarContinuous-v0', 'Acrobot-v1', 'CartPole-v1']) {
    expect(vectors.envs[id]!.some((ep) => ep.steps.at(-1)?.terminated)).toBe(true);
  }
  expect(vectors.envs['Pendulum-v1']!.some((ep) => ep.options && 'x_init' in ep.options)).toBe(true);
  expect(Object.keys(report)).toHaveLength(5);
});
