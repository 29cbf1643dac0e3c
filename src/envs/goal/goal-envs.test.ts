/** The GoalEnv contract, checked on every goal env: rewards, relabeling, batching, determinism. */
import { describe, expect, it } from 'vitest';
import { Generator } from '../../rng/generator.ts';
import type { Dict } from '../../spaces/dict.ts';
import type { SpaceValue } from '../../spaces/space.ts';
import { EnvArgumentError } from '../env.ts';
import { resetEpisode, stepEpisode } from '../episode.ts';
import { envInstance } from '../instance.ts';
import { flattenGoalObservations, type GoalEnvDefinition, type GoalObservation, goalEnvs } from './index.ts';

interface Step {
  obs: GoalObservation;
  action: SpaceValue;
  next: GoalObservation;
  reward: number;
  terminated: boolean;
  info: Record<string, unknown>;
}

/** Runs episodes of random actions through the adapter until `count` steps were taken. */
function transitions(
  def: GoalEnvDefinition,
  kwargs: Record<string, unknown>,
  seed: number,
  count: number,
): Step[] {
  const { actionSpace } = envInstance(def, kwargs);
  const actRng = Generator.fromSeed(seed + 1000);
  const steps: Step[] = [];
  let episode = resetEpisode(def, { seed, kwargs });
  let obs = episode.observation as GoalObservation;
  let state = episode.state;
  while (steps.length < count) {
    const action = actionSpace.sample(actRng);
    const s = stepEpisode(def, state, action);
    const next = s.observation as GoalObservation;
    steps.push({ obs, action, next, reward: s.reward, terminated: s.terminated, info: s.info });
    if (s.terminated || s.truncated) {
      episode = resetEpisode(def, { kwargs, previous: s.state });
      obs = episode.observation as GoalObservation;
      state = episode.state;
    } else {
      obs = next;
      state = s.state;
    }
  }
  return steps;
}

/** Goals of the steps' next observations as `[n, goalDim]` float64 batches. */
function goalBatch(steps: Step[], key: 'achieved_goal' | 'desired_goal'): Float64Array {
  return Float64Array.from(steps.flatMap((s) => [...s.next[key]]));
}

const kwargsCases: [GoalEnvDefinition, Record<string, unknown>][] = goalEnvs.flatMap((def) =>
  def.id === 'goal/BitFlip-v0'
    ? [
        [def, {}],
        [def, { n: 1 }],
        [def, { n: 3 }],
        [def, { n: 64 }],
      ]
    : [
        [def, {}],
        [def, { distance_threshold: 0.3 }],
      ],
);

describe('the goal env list', () => {
  it('holds the four envs in the goal/ namespace with their limits', () => {
    expect(goalEnvs.map((d) => [d.id, d.maxEpisodeSteps, d.maxEpisodeStepsFor(d.params({}))])).toEqual([
      ['goal/BitFlip-v0', 10, 10],
      ['goal/PointReach-v0', 50, 50],
      ['goal/PointReachSparse-v0', 50, 50],
      ['goal/ReacherReach-v0', 50, 50],
    ]);
  });

  it.each(goalEnvs.map((d) => [d.id, d] as const))('%s carries a full doc block', (_id, def) => {
    for (const key of [
      'description',
      'action_space',
      'observation_space',
      'rewards',
      'starting_state',
      'episode_end',
      'arguments',
      'version_history',
    ] as const) {
      expect(def.doc[key].length, key).toBeGreaterThan(15);
    }
  });

  it.each(goalEnvs.map((d) => [d.id, d] as const))('%s: kwargs are validated', (_id, def) => {
    expect(() => def.params(def.defaultKwargs)).not.toThrow();
    expect(() => def.params({})).not.toThrow();
    for (const bad of [{ render_mode: 'human' }, { reward_type: 'dense' }]) {
      let err: unknown;
      try {
        def.params(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(EnvArgumentError);
      expect((err as EnvArgumentError).field).toBe(`kwargs.${Object.keys(bad)[0]}`);
    }
  });

  it.each(goalEnvs.map((d) => [d.id, d] as const))(
    '%s: Dict observation with sorted keys, typed per sub-space',
    (_id, def) => {
      const { observationSpace, params } = envInstance(def, {});
      const space = observationSpace as Dict;
      expect(space.keys).toEqual(['achieved_goal', 'desired_goal', 'observation']);
      const layout = def.rowLayout(params);
      const obs = resetEpisode(def, { seed: 0 }).observation as GoalObservation;
      expect(space.contains(obs)).toBe(true);
      const Typed = def.id === 'goal/BitFlip-v0' ? Int8Array : Float32Array;
      for (const key of space.keys) expect(obs[key as keyof GoalObservation]).toBeInstanceOf(Typed);
      expect(obs.achieved_goal.length).toBe(layout.goalDim);
      expect(obs.desired_goal.length).toBe(layout.goalDim);
      expect(obs.observation.length).toBe(layout.observationDim);
      expect(layout.width).toBe(2 * layout.goalDim + layout.observationDim);
    },
  );
});

describe.each(kwargsCases.map(([d, k]) => [d.id, JSON.stringify(k), d, k] as const))(
  '%s %s',
  (_id, _k, def, kwargs) => {
    const { params, observationSpace } = envInstance(def, kwargs);

    it('seeded resets are deterministic; seeds differ', () => {
      const a = resetEpisode(def, { seed: 123, kwargs });
      const b = resetEpisode(def, { seed: 123, kwargs });
      expect(b).toEqual(a);
      const states = new Set(
        Array.from({ length: 8 }, (_, s) =>
          JSON.stringify(resetEpisode(def, { seed: s, kwargs }).state.physical),
        ),
      );
      expect(states.size).toBeGreaterThan(1);
      // parseState takes back what initial drew.
      expect(def.parseState(a.state.physical, params)).toEqual(a.state.physical);
    });

    it('steps are deterministic and never mutate their input state', () => {
      expect(transitions(def, kwargs, 5, 40)).toEqual(transitions(def, kwargs, 5, 40));
      const episode = resetEpisode(def, { seed: 3, kwargs }).state;
      const before = structuredClone(episode);
      stepEpisode(def, episode, envInstance(def, kwargs).actionSpace.sample(Generator.fromSeed(1)));
      expect(episode).toEqual(before);
    });

    it('every step reward equals computeReward on the step goals; is_success agrees', () => {
      const steps = transitions(def, kwargs, 7, 150);
      for (const s of steps) {
        expect(observationSpace.contains(s.next)).toBe(true);
        const r = def.computeReward(
          Float64Array.from(s.next.achieved_goal),
          Float64Array.from(s.next.desired_goal),
          1,
          params,
        );
        expect(r[0]).toBe(s.reward);
        expect([0, 1]).toContain(s.info.is_success);
        if (def.id !== 'goal/PointReach-v0') expect(s.info.is_success).toBe(s.reward === 0 ? 1 : 0);
      }
    });

    it('computeReward over a batch equals it row by row', () => {
      const steps = transitions(def, kwargs, 11, 120);
      const achieved = goalBatch(steps, 'achieved_goal');
      const desired = goalBatch(steps, 'desired_goal');
      const n = steps.length;
      const batch = def.computeReward(achieved, desired, n, params);
      expect(batch).toBeInstanceOf(Float64Array);
      expect(batch).toHaveLength(n);
      const dim = def.rowLayout(params).goalDim;
      for (let i = 0; i < n; i++) {
        const one = def.computeReward(
          achieved.slice(i * dim, (i + 1) * dim),
          desired.slice(i * dim, (i + 1) * dim),
          1,
          params,
        );
        expect(batch[i]).toBe(one[0]);
      }
      expect(def.computeReward(new Float64Array(0), new Float64Array(0), 0, params)).toHaveLength(0);
    });

    it('relabeling the desired goal with the achieved one gives the success reward', () => {
      const steps = transitions(def, kwargs, 13, 100);
      const achieved = goalBatch(steps, 'achieved_goal');
      const relabeled = def.computeReward(achieved, achieved.slice(), steps.length, params);
      expect([...relabeled]).toEqual(steps.map(() => def.successReward));
      // The same through the batched functions, on flattened relabeled observations.
      const rows = flattenGoalObservations(
        steps.map((s) => ({ ...s.next, desired_goal: s.next.achieved_goal })),
        def.rowLayout(params),
      );
      const none = new Float32Array(rows.length);
      const batched = def.batched.reward(none, none, rows, steps.length, params);
      expect([...batched]).toEqual(steps.map(() => def.successReward));
    });

    it('batched reward and terminal on flattened observations agree with the steps', () => {
      const steps = transitions(def, kwargs, 17, 150);
      const layout = def.rowLayout(params);
      const obs = flattenGoalObservations(
        steps.map((s) => s.obs),
        layout,
      );
      const next = flattenGoalObservations(
        steps.map((s) => s.next),
        layout,
      );
      const actions = Float32Array.from(
        steps.flatMap((s) => (typeof s.action === 'number' ? [s.action] : [...(s.action as Float32Array)])),
      );
      const reward = def.batched.reward(obs, actions, next, steps.length, params);
      const terminal = def.batched.terminal(next, steps.length, params);
      steps.forEach((s, i) => {
        expect(reward[i]).toBe(Math.fround(s.reward));
        expect(terminal[i]).toBe(s.terminated ? 1 : 0);
      });
      // The flattening order is Gymnasium's: achieved_goal, desired_goal, observation.
      const first = steps[0]!.next;
      expect([...next.subarray(0, layout.width)]).toEqual([
        ...first.achieved_goal,
        ...first.desired_goal,
        ...first.observation,
      ]);
    });

    it('computeReward rejects a bad batch', () => {
      const dim = def.rowLayout(params).goalDim;
      const field = (fn: () => unknown) => {
        try {
          fn();
        } catch (e) {
          expect(e).toBeInstanceOf(EnvArgumentError);
          return (e as EnvArgumentError).field;
        }
        throw new Error('expected an EnvArgumentError');
      };
      const ok = new Float64Array(2 * dim);
      expect(field(() => def.computeReward(ok, new Float64Array(dim), 2, params))).toBe('desired_goal');
      expect(field(() => def.computeReward(new Float64Array(3 * dim), ok, 2, params))).toBe('achieved_goal');
      expect(field(() => def.computeReward(ok, ok, -1, params))).toBe('n');
      const nan = ok.slice();
      nan[dim] = Number.NaN;
      expect(field(() => def.computeReward(nan, ok, 2, params))).toBe('achieved_goal[1][0]');
    });
  },
);
