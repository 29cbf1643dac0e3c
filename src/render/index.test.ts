import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderers, renderPng, renderRgb } from './index.ts';
import { MUJOCO_SCENES } from './scenes/mujoco.ts';

/** A resting state and a visibly different one, per env. */
const CASES: Record<string, { size: [number, number]; a: number[]; b: number[] }> = {
  'CartPole-v1': { size: [600, 400], a: [0, 0, 0, 0], b: [1, 0, 0.2, 0] },
  'Pendulum-v1': { size: [500, 500], a: [0, 0], b: [2, 0] },
  'MountainCar-v0': { size: [600, 400], a: [-0.5, 0], b: [0.3, 0] },
  'MountainCarContinuous-v0': { size: [600, 400], a: [-0.5, 0], b: [0.3, 0] },
  'Acrobot-v1': { size: [500, 500], a: [0, 0, 0, 0], b: [1, 0.8, 0, 0] },
};

function differing(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 3) {
    if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) n++;
  }
  return n;
}

describe('renderers', () => {
  it('covers the five classic-control envs and the MuJoCo envs', () => {
    expect(Object.keys(renderers).sort()).toEqual(
      [...Object.keys(CASES), ...Object.keys(MUJOCO_SCENES)].sort(),
    );
  });

  for (const [id, { size, a, b }] of Object.entries(CASES)) {
    it(`${id} renders ${size[0]}x${size[1]} and follows the state`, () => {
      const first = renderRgb(id, a, {})!;
      expect([first.width, first.height]).toEqual(size);
      expect(first.data.length).toBe(size[0] * size[1] * 3);
      const second = renderRgb(id, b, {})!;
      expect(differing(first.data, second.data)).toBeGreaterThan(500);
      // Same state, same picture: scenes keep no state between calls.
      expect(differing(first.data, renderRgb(id, a, {})!.data)).toBe(0);
    });
  }

  it('draws a degenerate state without throwing', () => {
    for (const id of Object.keys(CASES)) {
      expect(renderRgb(id, [Number.NaN, 1e300, Number.POSITIVE_INFINITY, -1e300], {})).toBeDefined();
      expect(renderRgb(id, [], {})).toBeDefined();
    }
  });
});

describe('renderRgb / renderPng', () => {
  it('answers undefined for an env without a scene', () => {
    expect(renderRgb('FrozenLake-v1', [0], {})).toBeUndefined();
    expect(renderRgb('toString', [0], {})).toBeUndefined();
    expect(renderPng('constructor', [0], {})).toBeUndefined();
  });

  it('wraps the same pixels in a PNG', () => {
    const frame = renderRgb('CartPole-v1', [0.3, 0, -0.1, 0], {})!;
    const png = renderPng('CartPole-v1', [0.3, 0, -0.1, 0], {})!;
    expect([...png.subarray(1, 4)]).toEqual([80, 78, 71]);
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([600, 400]);
    // Signature 8 + IHDR 25; IDAT follows.
    const idatLength = view.getUint32(33);
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    const stride = 600 * 3 + 1;
    // Row 310 crosses the cart.
    const row = 310;
    expect(new Uint8Array(raw.subarray(row * stride + 1, (row + 1) * stride))).toEqual(
      frame.data.subarray(row * 1800, (row + 1) * 1800),
    );
  });
});
