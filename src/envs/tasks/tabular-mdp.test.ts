/** tasks/TabularMDP-v0: RL² random tabular MDPs. */
import { describe, expect, it } from 'vitest';
import { argumentError, rollout } from '../../../test/helpers/task-envs.ts';
import { Generator } from '../../rng/generator.ts';
import { GymEnv } from '../gym-env.ts';
import { flatDirichlet } from './numpy-random.ts';
import { type TabularMdpTask, tabularMdp } from './tabular-mdp.ts';

const def = tabularMdp;
const family = def.tasks!;
const p0 = def.params({});

function sample(seed: number, split: 'train' | 'test' = 'train'): TabularMdpTask {
  return family.sample(Generator.fromSeed(seed), split, p0);
}

describe('tasks/TabularMDP-v0', () => {
  it('samples 10×5 means and 10×5×10 transitions whose rows sum to 1', () => {
    for (const seed of [0, 1, 2]) {
      const task = sample(seed);
      expect(task.reward_means).toHaveLength(10);
      expect(task.transitions).toHaveLength(10);
      for (let s = 0; s < 10; s++) {
        expect(task.reward_means[s]).toHaveLength(5);
        expect(task.transitions[s]).toHaveLength(5);
        for (let a = 0; a < 5; a++) {
          const row = task.transitions[s]![a]!;
          expect(row).toHaveLength(10);
          for (const x of row) expect(x).toBeGreaterThanOrEqual(0);
          expect(Math.abs(row.reduce((acc, x) => acc + x, 0) - 1)).toBeLessThan(1e-12);
        }
      }
      // Plain number arrays: the task survives JSON unchanged and parses back to itself.
      expect(family.parse(JSON.parse(JSON.stringify(task)), p0)).toEqual(task);
    }
  });

  it('draws as numpy’s normal(1, 1, (10, 5)) then dirichlet(np.ones(10), (10, 5)), bit for bit', () => {
    const task = sample(0);
    expect(task.reward_means[0]).toEqual([
      1.1257302210933933, 0.8678951367086981, 1.640422650443282, 1.1049001171530397, 0.46433062683888904,
    ]);
    expect(task.transitions[0]![0]).toEqual([
      0.2521737319252306, 0.061084332207916946, 0.3499229166855772, 0.011916163434312555,
      0.030928469772387134, 0.03288744053885124, 0.08447954455201613, 0.10353037160749239,
      0.05929643536870658, 0.013780593907509492,
    ]);
    expect(task.transitions[9]![4]![7]).toBe(0.3421597471119576);
  });

  it('same seed, same MDP; both splits draw from the same distribution', () => {
    expect(sample(4)).toEqual(sample(4));
    expect(sample(4)).not.toEqual(sample(5));
    expect(sample(4, 'test')).toEqual(sample(4, 'train'));
    expect(family.splits.train.description).toContain('Dirichlet');
  });

  it('steps: reward ~ N(mean, 1) first, then the next state ~ the transition row', () => {
    const params = family.apply(p0, sample(0));
    const rng = Generator.fromSeed(5);
    const mirror = Generator.fromSeed(5);
    const next = def.transition([2, 0], 3, params, rng);
    const reward = mirror.normal(params.rewardMeans[2]![3]!, 1);
    expect(next[1]).toBe(reward);
    // numpy: default_rng(5) after one normal() draw ... the state comes from one random() draw.
    const u = mirror.random();
    const row = params.transitions[2]![3]!;
    let cum = 0;
    let expected = 0;
    for (let j = 0; j < row.length; j++) {
      cum += row[j]!;
      if (cum / row.reduce((a, x) => a + x, 0) <= u) expected = j + 1;
    }
    expect(next[0]).toBe(expected);
    expect(def.reward([2, 0], 3, next, params)).toBe(reward);
    expect(rng.getState()).toEqual(mirror.getState());
  });

  it('empirical next-state frequencies and mean rewards match the task', () => {
    const params = family.apply(p0, sample(1));
    const rng = Generator.fromSeed(6);
    const n = 20_000;
    const counts = new Array<number>(10).fill(0);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const next = def.transition([4, 0], 1, params, rng);
      counts[next[0]!]!++;
      total += next[1]!;
    }
    const row = params.transitions[4]![1]!;
    counts.forEach((c, j) => {
      expect(Math.abs(c / n - row[j]!), `state ${j}`).toBeLessThan(0.015);
    });
    expect(Math.abs(total / n - params.rewardMeans[4]![1]!)).toBeLessThan(0.03);
  });

  it('two tasks give different dynamics from the same state, action and generator', () => {
    const a = family.apply(p0, sample(10));
    const b = family.apply(p0, sample(11));
    const sa = [] as number[];
    const sb = [] as number[];
    const ra = Generator.fromSeed(1);
    const rb = Generator.fromSeed(1);
    for (let i = 0; i < 50; i++) {
      sa.push(...def.transition([0, 0], 0, a, ra));
      sb.push(...def.transition([0, 0], 0, b, rb));
    }
    expect(sa).not.toEqual(sb);
  });

  it('episodes start in state 0 and are truncated after 10 steps', () => {
    const env = new GymEnv(def);
    expect(env.reset({ seed: 3, options: { task: sample(2) } }).observation).toBe(0);
    for (let i = 1; i <= 10; i++) {
      const r = env.step(i % 5);
      expect(Number.isInteger(r.observation)).toBe(true);
      expect(r.terminated).toBe(false);
      expect(r.truncated).toBe(i === 10);
    }
  });

  it('batched: the mean reward (what the noisy per-step reward averages to) and no termination', () => {
    const params = family.apply(p0, sample(3));
    const steps = rollout(def, params, [0, 0], [0, 1, 2, 3, 4, 0, 1], Generator.fromSeed(2));
    const obs = Float32Array.from(steps.map((s) => s.obs as number));
    const action = Float32Array.from(steps.map((s) => s.action as number));
    const nextObs = Float32Array.from(steps.map((s) => s.nextObs as number));
    const reward = def.batched.reward(obs, action, nextObs, steps.length, params);
    steps.forEach((s, i) => {
      expect(reward[i]).toBe(Math.fround(params.rewardMeans[s.state[0]!]![s.action as number]!));
    });
    expect(Array.from(def.batched.terminal(nextObs, steps.length, params))).toEqual(
      steps.map((s) => (s.terminated ? 1 : 0)),
    );
    // The per-step reward from (s, a) averages to the batched value.
    const rng = Generator.fromSeed(8);
    let total = 0;
    for (let i = 0; i < 10_000; i++)
      total += def.reward([6, 0], 2, def.transition([6, 0], 2, params, rng), params);
    const batched = def.batched.reward(
      Float32Array.of(6),
      Float32Array.of(2),
      Float32Array.of(0),
      1,
      params,
    )[0]!;
    expect(Math.abs(total / 10_000 - batched)).toBeLessThan(0.04);
  });

  it('validates kwargs, tasks and states', () => {
    expect(argumentError(() => def.params({ n_states: 0 })).field).toBe('kwargs.n_states');
    expect(argumentError(() => def.params({ n_actions: 1.5 })).field).toBe('kwargs.n_actions');
    expect(argumentError(() => def.params({ horizon: 10 })).field).toBe('kwargs.horizon');
    const task = sample(0);
    const bad = structuredClone(task);
    bad.transitions[3]![2]![0]! += 0.01;
    expect(argumentError(() => family.parse(bad, p0)).field).toBe('options.task.transitions.3.2');
    const negative = structuredClone(task);
    negative.transitions[1]![1]![4] = -0.1;
    expect(argumentError(() => family.parse(negative, p0)).field).toBe('options.task.transitions.1.1.4');
    const short = structuredClone(task);
    short.reward_means[9] = [1, 2];
    expect(argumentError(() => family.parse(short, p0)).field).toBe('options.task.reward_means.9');
    expect(argumentError(() => family.parse({ reward_means: task.reward_means }, p0)).field).toBe(
      'options.task.transitions',
    );
    // Rows summing to 1 within 1e-6 are accepted (e.g. rounded by a client).
    const rounded = structuredClone(task);
    rounded.transitions[0]![0] = flatDirichlet(Generator.fromSeed(1), 10).map((x, j) =>
      j === 9 ? x + 5e-7 : x,
    );
    expect(() => family.parse(rounded, p0)).not.toThrow();
    expect(def.parseState(7, p0)).toEqual([7, 0]);
    expect(def.parseState([7, 1.5], p0)).toEqual([7, 1.5]);
    expect(argumentError(() => def.parseState(10, p0)).field).toBe('options.state');
    expect(argumentError(() => def.parseState([1, 'x'], p0)).field).toBe('options.state.1');
    expect(def.stochastic).toBe(true);
  });
});
