/**
 * Pictures of env states: Gymnasium's `render_mode="rgb_array"` frames, drawn by our own raster
 * code from the physical state alone (no pygame), as raw RGB or PNG.
 * @module
 */
import type { Canvas } from './canvas.ts';
import { encodePng } from './png.ts';
import { renderAcrobot } from './scenes/acrobot.ts';
import { renderCartPole } from './scenes/cart-pole.ts';
import type { Scene } from './scenes/frame.ts';
import { renderMountainCar, renderMountainCarContinuous } from './scenes/mountain-car.ts';
import { MUJOCO_SCENES } from './scenes/mujoco.ts';
import { renderPendulum } from './scenes/pendulum.ts';

export type { Rgb } from './canvas.ts';
export { Canvas } from './canvas.ts';
export { encodePng } from './png.ts';
export type { Scene } from './scenes/frame.ts';

/** An RGB frame: `height` rows of `width` pixels, 3 bytes each, from the top-left (Gymnasium's H×W×3). */
export interface RgbFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Env id -> its scene. Envs without an entry cannot be rendered. */
export const renderers: Readonly<Record<string, (physical: readonly number[], params: unknown) => Canvas>> =
  Object.freeze({
    'CartPole-v1': renderCartPole,
    'Pendulum-v1': renderPendulum,
    'MountainCar-v0': renderMountainCar,
    'MountainCarContinuous-v0': renderMountainCarContinuous,
    'Acrobot-v1': renderAcrobot,
    // MuJoCo envs (v5 and the MuJoCo task envs): drawn once their models are compiled.
    ...MUJOCO_SCENES,
  } satisfies Record<string, Scene>);

/** Whether `envId` has a scene; `renderers[id]` alone would also find Object.prototype's keys. */
function sceneFor(envId: string): Scene | undefined {
  return Object.hasOwn(renderers, envId) ? renderers[envId] : undefined;
}

/** Gymnasium's `render_fps` of the classic-control envs (their class metadata). */
const CLASSIC_FPS: Readonly<Record<string, number>> = {
  'CartPole-v1': 50,
  'Pendulum-v1': 30,
  'MountainCar-v0': 30,
  'MountainCarContinuous-v0': 30,
  'Acrobot-v1': 15,
};

/**
 * What Gymnasium's `metadata` says of rendering an env with these parameters: its render modes
 * (`rgb_array` when it has a scene) and frames per second (classic control: the class's value;
 * MuJoCo: `round(1 / dt)` as Gymnasium's v5 envs compute it), null when it is not drawn.
 */
export function renderMetadata(envId: string, params: unknown): { modes: 'rgb_array'[]; fps: number | null } {
  if (!sceneFor(envId)) return { modes: [], fps: null };
  const dt = (params as { dt?: unknown } | null)?.dt;
  const fps = CLASSIC_FPS[envId] ?? (typeof dt === 'number' && dt > 0 ? Math.round(1 / dt) : null);
  return { modes: ['rgb_array'], fps };
}

/**
 * Renders a physical state (the env's `self.state` layout) as an RGB frame.
 * @returns The frame, or undefined when the env has no scene.
 */
export function renderRgb(envId: string, physical: readonly number[], params: unknown): RgbFrame | undefined {
  const canvas = sceneFor(envId)?.(physical, params);
  return canvas && { width: canvas.width, height: canvas.height, data: canvas.data };
}

/**
 * Renders a physical state as a PNG file.
 * @returns The PNG's bytes, or undefined when the env has no scene.
 */
export function renderPng(
  envId: string,
  physical: readonly number[],
  params: unknown,
): Uint8Array | undefined {
  const frame = renderRgb(envId, physical, params);
  return frame && encodePng(frame.width, frame.height, frame.data);
}
