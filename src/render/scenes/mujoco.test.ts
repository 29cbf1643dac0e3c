/** MuJoCo scenes: drawn from the compiled models' geoms after forward kinematics. */
import { beforeAll, describe, expect, it } from 'vitest';
import { resetEpisode, stepEpisode } from '../../envs/episode.ts';
import { loadMujocoEnvs } from '../../envs/mujoco/index.ts';
import type { MujocoEnvDefinition } from '../../envs/mujoco/mujoco-env.ts';
import type { Canvas } from '../canvas.ts';
import { renderPng, renderRgb } from '../index.ts';
import { MUJOCO_HEIGHT, MUJOCO_SCENES, MUJOCO_WIDTH, mujocoScene } from './mujoco.ts';

// biome-ignore lint/suspicious/noExplicitAny: any env.
let envs: MujocoEnvDefinition<any>[];

beforeAll(async () => {
  envs = (await loadMujocoEnvs()) as unknown as typeof envs;
});

function differing(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 3) {
    if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) n++;
  }
  return n;
}

/** Pixels of a colour family: clearly red (the goal marker). */
function redPixels(c: { width: number; height: number; data: Uint8Array }): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < c.data.length; i += 3) {
    if (c.data[i]! > 180 && c.data[i + 1]! < 90 && c.data[i + 2]! < 90)
      out.push([(i / 3) % c.width, Math.floor(i / 3 / c.width)]);
  }
  return out;
}

describe('MuJoCo scenes', () => {
  it('cover every MuJoCo env, the task envs included', () => {
    expect(Object.keys(MUJOCO_SCENES).sort()).toEqual(envs.map((e) => e.id).sort());
  });

  it.each([
    'Reacher-v5',
    'InvertedPendulum-v5',
    'InvertedDoublePendulum-v5',
    'HalfCheetah-v5',
    'Hopper-v5',
    'Swimmer-v5',
    'Walker2d-v5',
    'Ant-v5',
    'tasks/HalfCheetahRandParams-v0',
    'tasks/AntCrippledLeg-v0',
  ])('%s: 480x480, follows the state, same state same picture', (id) => {
    const def = envs.find((e) => e.id === id)!;
    let episode = resetEpisode(def, { seed: 1 }).state;
    const first = renderRgb(id, episode.physical, def.params({}))!;
    expect([first.width, first.height]).toEqual([MUJOCO_WIDTH, MUJOCO_HEIGHT]);
    const nu = def.model.nu;
    for (let t = 0; t < 15 && !episode.done; t++) {
      episode = stepEpisode(
        def,
        episode,
        Array.from({ length: nu }, (_, j) => Math.sin(t + j)),
      ).state;
    }
    const later = renderRgb(id, episode.physical, def.params({}))!;
    expect(differing(first.data, later.data)).toBeGreaterThan(300);
    expect(differing(later.data, renderRgb(id, episode.physical, def.params({}))!.data)).toBe(0);
  });

  it('moves the picture with the robot: the cheetah displaced in x shifts the floor chequer', () => {
    const def = envs.find((e) => e.id === 'HalfCheetah-v5')!;
    const s = def.model.reset(def.model.qpos0, new Array(9).fill(0));
    const moved = [...s];
    moved[1] = 0.25; // rootx
    const a = renderRgb('HalfCheetah-v5', s, {})!;
    const b = renderRgb('HalfCheetah-v5', moved, {})!;
    // The robot stays centred (the camera follows it); the floor below it moves.
    const row = 400;
    const slice = (f: typeof a) => f.data.subarray(row * 480 * 3, (row + 1) * 480 * 3);
    expect(differing(slice(a), slice(b))).toBeGreaterThan(50);
    const robotRows = (f: typeof a) => f.data.subarray(150 * 480 * 3, 280 * 480 * 3);
    expect(differing(robotRows(a), robotRows(b))).toBe(0);
  });

  it('draws the goal of tasks/AntGoal-v0 when the parameters carry it', () => {
    const def = envs.find((e) => e.id === 'tasks/AntGoal-v0')!;
    const s = resetEpisode(def, { seed: 0 }).state.physical;
    const p = def.params({});
    const right = redPixels(renderRgb('tasks/AntGoal-v0', s, { ...p, goal: [2, 0] })!);
    const left = redPixels(renderRgb('tasks/AntGoal-v0', s, { ...p, goal: [-2, 0] })!);
    expect(right.length).toBeGreaterThan(100);
    expect(left.length).toBeGreaterThan(100);
    const meanX = (pts: [number, number][]) => pts.reduce((a, [x]) => a + x, 0) / pts.length;
    expect(meanX(right)).toBeGreaterThan(300);
    expect(meanX(left)).toBeLessThan(180);
    expect(redPixels(renderRgb('tasks/AntGoal-v0', s, {})!).length).toBe(0);
  });

  it('draws degenerate states without throwing, and the background before the model is compiled', () => {
    for (const id of ['HalfCheetah-v5', 'Ant-v5', 'Reacher-v5']) {
      expect(renderRgb(id, [], {})).toBeDefined();
      expect(renderRgb(id, [0, Number.NaN, 1e300, Number.POSITIVE_INFINITY], {})).toBeDefined();
    }
    const blank: Canvas = mujocoScene('not_compiled', {
      camera: 'side',
      pixelsPerMetre: 100,
      center: [0, 0, 0],
      track: [],
    })([0, 1, 2], {});
    expect(new Set(blank.data).size).toBeLessThanOrEqual(3);
  });

  it('encodes as PNG', () => {
    const def = envs.find((e) => e.id === 'tasks/AntDir-v0')!;
    const png = renderPng('tasks/AntDir-v0', resetEpisode(def, { seed: 2 }).state.physical, def.params({}))!;
    expect([...png.subarray(1, 4)]).toEqual([80, 78, 71]);
  });
});
