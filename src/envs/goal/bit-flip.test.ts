/** goal/BitFlip-v0: reset draws (numpy vectors), solving, limits, kwargs and states. */
import { describe, expect, it } from 'vitest';
import { Generator } from '../../rng/generator.ts';
import { EnvArgumentError } from '../env.ts';
import { resetEpisode, stepEpisode } from '../episode.ts';
import { GymEnv } from '../gym-env.ts';
import { bitFlip } from './bit-flip.ts';
import type { GoalObservation } from './goal-env.ts';

function argumentError(fn: () => unknown): EnvArgumentError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EnvArgumentError);
    return err as EnvArgumentError;
  }
  throw new Error('expected an EnvArgumentError');
}

const bits = (s: string) => [...s].map(Number);

describe('goal/BitFlip-v0 reset', () => {
  // From numpy: rng = np.random.default_rng(seed); s = rng.integers(0, 2, size=n, dtype=np.int8);
  // g likewise, drawn again while (g == s).all().
  it.each([
    [0, 10, '0111110101', '1100111010'],
    [1, 10, '1100110101', '1101101011'],
    [42, 10, '1010110111', '0000001010'],
    [
      7,
      64,
      '1011100110011111010100110001101000001110001010110111000010101001',
      '0010110100001110010101101000110010010000111101100100000111011011',
    ],
    [5, 3, '111', '110'],
    [1, 2, '11', '01'], // one redraw
    [3, 1, '1', '0'], // two redraws
    [1, 1, '1', '0'], // one redraw
  ])('seed %i, n = %i: numpy draws, goal redrawn while equal', (seed, n, s, g) => {
    const params = bitFlip.params({ n });
    expect(bitFlip.initial(Generator.fromSeed(seed), params, {})).toEqual([...bits(s), ...bits(g)]);
  });

  it('never starts solved', () => {
    for (const n of [1, 2, 3]) {
      const params = bitFlip.params({ n });
      for (let seed = 0; seed < 200; seed++) {
        expect(bitFlip.terminal(bitFlip.initial(Generator.fromSeed(seed), params, {}), params)).toBe(false);
      }
    }
  });

  it('observes the bits as observation and achieved goal, the target as desired goal', () => {
    const { observation } = resetEpisode(bitFlip, { seed: 0 });
    const obs = observation as GoalObservation<Int8Array>;
    expect(obs.observation).toEqual(Int8Array.from(bits('0111110101')));
    expect(obs.achieved_goal).toEqual(Int8Array.from(bits('0111110101')));
    expect(obs.desired_goal).toEqual(Int8Array.from(bits('1100111010')));
    expect(obs.observation).not.toBe(obs.achieved_goal);
  });
});

describe('goal/BitFlip-v0 steps', () => {
  it.each([
    [10, 0],
    [10, 42],
    [64, 7],
    [5, 9],
    [1, 4],
  ])('n = %i, seed %i: flipping the differing bits solves it in exactly that many steps', (n, seed) => {
    const kwargs = { n };
    let { state, observation } = resetEpisode(bitFlip, { seed, kwargs });
    const obs = observation as GoalObservation<Int8Array>;
    const differing = [...obs.achieved_goal.keys()].filter(
      (i) => obs.achieved_goal[i] !== obs.desired_goal[i],
    );
    expect(differing.length).toBeGreaterThan(0);
    differing.forEach((bit, k) => {
      const last = k === differing.length - 1;
      const s = stepEpisode(bitFlip, state, bit);
      expect(s.reward).toBe(last ? 0 : -1);
      expect(s.terminated).toBe(last);
      expect(s.info).toEqual({ is_success: last ? 1 : 0 });
      if (last) {
        const o = s.observation as GoalObservation<Int8Array>;
        expect(o.achieved_goal).toEqual(o.desired_goal);
      }
      state = s.state;
    });
    expect(state.steps).toBe(differing.length);
    expect(state.done).toBe(true);
  });

  it('flipping a matching bit moves away from the target', () => {
    const params = bitFlip.params({ n: 3 });
    const state = [1, 0, 1, 1, 0, 0];
    const next = bitFlip.transition(state, 0, params);
    expect(next).toEqual([0, 0, 1, 1, 0, 0]);
    expect(state).toEqual([1, 0, 1, 1, 0, 0]);
    expect(bitFlip.reward(state, 0, next, params)).toBe(-1);
    expect(bitFlip.reward(state, 2, bitFlip.transition(state, 2, params), params)).toBe(0);
  });

  it('truncates after n = 10 steps when unsolved (default kwargs)', () => {
    const env = new GymEnv(bitFlip);
    const { observation } = env.reset({ seed: 0 });
    const obs = observation as GoalObservation<Int8Array>;
    const same = [...obs.achieved_goal.keys()].find((i) => obs.achieved_goal[i] === obs.desired_goal[i])!;
    for (let t = 1; t <= 10; t++) {
      const s = env.step(same);
      expect(s.reward).toBe(-1);
      expect(s.terminated).toBe(false);
      expect(s.truncated).toBe(t === 10);
    }
  });

  it('maxEpisodeStepsFor is n', () => {
    for (const n of [1, 10, 17, 64]) expect(bitFlip.maxEpisodeStepsFor(bitFlip.params({ n }))).toBe(n);
  });

  it('computeReward compares whole rows', () => {
    const params = bitFlip.params({ n: 3 });
    const achieved = Float64Array.of(1, 0, 1, 1, 0, 1, 0, 0, 0);
    const desired = Float64Array.of(1, 0, 1, 1, 1, 1, 0, 0, 0);
    expect([...bitFlip.computeReward(achieved, desired, 3, params)]).toEqual([0, -1, 0]);
  });
});

describe('goal/BitFlip-v0 arguments', () => {
  it('n is an integer from 1 to 64', () => {
    expect(bitFlip.params({})).toEqual({ n: 10 });
    expect(bitFlip.params({ n: 64 })).toEqual({ n: 64 });
    expect(bitFlip.params({ n: 1 })).toEqual({ n: 1 });
    for (const n of [0, 65, 2.5, -3, '10', null, true, Number.NaN, Infinity]) {
      expect(argumentError(() => bitFlip.params({ n })).field).toBe('kwargs.n');
    }
  });

  it('spaces follow n', () => {
    const params = bitFlip.params({ n: 5 });
    expect(bitFlip.actionSpace(params).describe()).toEqual({
      type: 'Discrete',
      dtype: 'int64',
      n: 5,
      start: 0,
    });
    const bin = { type: 'MultiBinary', dtype: 'int8', shape: [5] };
    expect(bitFlip.observationSpace(params).describe()).toEqual({
      type: 'Dict',
      spaces: { achieved_goal: bin, desired_goal: bin, observation: bin },
    });
    expect(bitFlip.rowLayout(params)).toMatchObject({
      achievedGoal: 0,
      desiredGoal: 5,
      observation: 10,
      width: 15,
    });
  });

  it('parseState takes 2n bits', () => {
    const params = bitFlip.params({ n: 2 });
    expect(bitFlip.parseState([1, 0, 0, 1], params)).toEqual([1, 0, 0, 1]);
    expect(bitFlip.parseState(Int8Array.of(1, 1, 1, 1), params)).toEqual([1, 1, 1, 1]);
    expect(argumentError(() => bitFlip.parseState([1, 0, 0], params)).field).toBe('options.state');
    expect(argumentError(() => bitFlip.parseState([1, 0, 2, 1], params)).field).toBe('options.state.2');
    expect(argumentError(() => bitFlip.parseState([1, 0.5, 0, 1], params)).field).toBe('options.state.1');
    expect(argumentError(() => bitFlip.parseState('1001', params)).field).toBe('options.state');
    // Through reset: a client-given state, even a solved one, starts the episode.
    const r = resetEpisode(bitFlip, { kwargs: { n: 2 }, options: { state: [0, 1, 0, 1] } });
    expect(r.state.physical).toEqual([0, 1, 0, 1]);
  });
});
