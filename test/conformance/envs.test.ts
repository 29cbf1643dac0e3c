/**
 * The conformance suite every registered env passes, in process and over HTTP: seed and step
 * determinism, return types, observations inside the observation space, token round trips and
 * the error contract.
 */
import { describe, expect, it } from 'vitest';
import type { EnvDefinition } from '../../src/envs/env.ts';
import { GymEnv } from '../../src/envs/gym-env.ts';
import { envInstance } from '../../src/envs/instance.ts';
import { Generator } from '../../src/rng/generator.ts';
import { post, testApp, testRegistry } from '../helpers/app.ts';

const app = testApp();
const envs = testRegistry.list();
const maxStepsChecked = 60;

interface Transition {
  observation: unknown;
  reward?: number;
  terminated?: boolean;
  truncated?: boolean;
  info: unknown;
}

function spaces(def: EnvDefinition) {
  const { observationSpace, actionSpace } = envInstance(def, {});
  return { obs: observationSpace, act: actionSpace };
}

/** Actions drawn from the action space with a fixed seed, as wire values. */
function actions(def: EnvDefinition, n: number, seed: number): unknown[] {
  const { act } = spaces(def);
  const rng = Generator.fromSeed(seed);
  return Array.from({ length: n }, () => act.toJSON(act.sample(rng)));
}

function expectTransition(def: EnvDefinition, t: Transition, isStep: boolean) {
  const { obs } = spaces(def);
  expect(
    obs.contains(obs.parse(t.observation)),
    `observation ${JSON.stringify(t.observation)} in space`,
  ).toBe(true);
  expect(typeof t.info === 'object' && t.info !== null && !Array.isArray(t.info)).toBe(true);
  if (isStep) {
    expect(typeof t.reward).toBe('number');
    expect(Number.isFinite(t.reward)).toBe(true);
    expect(typeof t.terminated).toBe('boolean');
    expect(typeof t.truncated).toBe('boolean');
  }
}

/** A value as it crosses the wire: neither JSON nor msgpack integers keep the sign of -0. */
function wire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_k, v) => (Object.is(v, -0) ? 0 : v)));
}

/** Runs an in-process episode, returning wire-form transitions. */
function inProcess(def: EnvDefinition, seed: number, acts: unknown[]) {
  const env = new GymEnv(def);
  const { obs } = spaces(def);
  const first = env.reset({ seed });
  const steps: Transition[] = [];
  for (const a of acts) {
    const s = env.step(a);
    steps.push(wire({ ...s, observation: obs.toJSON(s.observation) }));
    if (s.terminated || s.truncated) break;
  }
  return { reset: wire({ ...first, observation: obs.toJSON(first.observation) }), steps };
}

describe.each(envs.map((d) => [d.id, d] as const))('%s', (id, def) => {
  const path = `/v1/envs/${encodeURIComponent(id)}`;

  it('in process: same seed -> same episode; observations in space; Gymnasium return types', () => {
    const acts = actions(def, maxStepsChecked, 7);
    const a = inProcess(def, 123, acts);
    const b = inProcess(def, 123, acts);
    expect(b).toEqual(a);
    expectTransition(def, a.reset, false);
    for (const t of a.steps) expectTransition(def, t, true);
  });

  it('in process: step never mutates its input state (pure functions)', () => {
    const env = new GymEnv(def);
    env.reset({ seed: 3 });
    const before = structuredClone(env.episode);
    const { act } = spaces(def);
    def.transition(
      env.episode!.physical,
      act.sample(Generator.fromSeed(1)),
      envInstance(def, {}).params,
      Generator.fromSeed(2),
    );
    expect(env.episode).toEqual(before);
  });

  it('over HTTP: equals the in-process episode bit for bit, through state tokens', async () => {
    const acts = actions(def, maxStepsChecked, 11);
    const local = inProcess(def, 321, acts);
    const r = await post<Transition & { state: string }>(app, `${path}/reset`, { seed: 321 }, 'msgpack');
    expect(r.status).toBe(200);
    expect(r.body.observation).toEqual(local.reset.observation);
    let state = r.body.state;
    for (const [i, expected] of local.steps.entries()) {
      const s = await post<Transition & { state: string }>(
        app,
        `${path}/step`,
        { state, action: acts[i] },
        'msgpack',
      );
      expect(s.status).toBe(200);
      const { state: next, ...transition } = s.body;
      expect(transition).toEqual(expected);
      state = next;
    }
  });

  it('over HTTP: re-stepping a token forks deterministically; JSON and msgpack agree', async () => {
    const [a] = actions(def, 1, 5);
    const r = await post<{ state: string }>(app, `${path}/reset`, { seed: 9 });
    const viaJson = await post(app, `${path}/step`, { state: r.body.state, action: a });
    const viaMsgpack = await post(app, `${path}/step`, { state: r.body.state, action: a }, 'msgpack');
    const { state: s1, ...t1 } = viaJson.body;
    const { state: s2, ...t2 } = viaMsgpack.body;
    expect(t2).toEqual(t1);
    expect(s1).not.toBe(s2); // fresh IV per token, same content
    expectTransition(def, t1 as unknown as Transition, true);
  });

  it('over HTTP: the error contract (bad action 422, tampered 400, ended 409)', async () => {
    const r = await post<{ state: string }>(app, `${path}/reset`, { seed: 1 });
    const bad = await post(app, `${path}/step`, { state: r.body.state, action: 'not an action' });
    expect(bad.status).toBe(422);
    const token = r.body.state;
    const tampered = `${token.slice(0, -3)}${token.at(-3) === 'A' ? 'B' : 'A'}${token.slice(-2)}`;
    const t = await post(app, `${path}/step`, { state: tampered, action: actions(def, 1, 1)[0] });
    expect(t.status).toBe(400);
    // Run to the end of an episode (terminated or truncated), then one more step.
    const limit = def.maxEpisodeSteps ?? 1000;
    const acts = actions(def, limit, 2);
    let state = r.body.state;
    let ended = false;
    for (let i = 0; i < limit && !ended; i++) {
      const s = await post<{ state: string; terminated: boolean; truncated: boolean }>(
        app,
        `${path}/step`,
        { state, action: acts[i] },
        'msgpack',
      );
      expect(s.status).toBe(200);
      state = s.body.state;
      ended = s.body.terminated || s.body.truncated;
    }
    expect(ended).toBe(true);
    const after = await post(app, `${path}/step`, { state, action: acts[0] });
    expect(after.status).toBe(409);
  });
});
