import { describe, expect, it } from 'vitest';
import type { Canvas } from '../canvas.ts';
import { renderAcrobot } from './acrobot.ts';
import { renderCartPole } from './cart-pole.ts';
import { renderMountainCar, renderMountainCarContinuous } from './mountain-car.ts';
import { renderPendulum } from './pendulum.ts';

const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];

/** The colour at a point given in Gymnasium's pygame coordinates (y up from the bottom after the flip). */
function at(c: Canvas, x: number, y: number): readonly number[] | undefined {
  return c.pixel(Math.round(x), c.height - 1 - Math.round(y));
}

describe('CartPole scene', () => {
  const POLE = [202, 152, 101];
  const AXLE = [129, 132, 203];

  it('puts the cart at 300 + 125·x, centred 100 px above the bottom', () => {
    const centred = renderCartPole([0, 0, 0, 0], {});
    expect(at(centred, 300, 90)).toEqual(BLACK);
    expect(at(centred, 300 + 22, 110)).toEqual(BLACK);
    expect(at(centred, 300 + 30, 110)).toEqual(WHITE);
    const moved = renderCartPole([1, 0, 0, 0], {});
    expect(at(moved, 425, 90)).toEqual(BLACK);
    expect(at(moved, 300, 90)).toEqual(WHITE);
    // The track line is drawn across the whole width.
    expect(at(moved, 5, 100)).toEqual(BLACK);
    expect(at(moved, 5, 101)).toEqual(WHITE);
  });

  it('stands the pole on the axle and leans it right for positive theta', () => {
    const upright = renderCartPole([0, 0, 0, 0], {});
    expect(at(upright, 300, 107)).toEqual(AXLE);
    expect(at(upright, 300, 200)).toEqual(POLE);
    const leaning = renderCartPole([0, 0, 0.5, 0], {});
    const r = 100;
    expect(at(leaning, 300 + r * Math.sin(0.5), 107.5 + r * Math.cos(0.5))).toEqual(POLE);
    expect(at(leaning, 300, 200)).toEqual(WHITE);
  });
});

describe('Pendulum scene', () => {
  const ROD = [204, 77, 77];

  it('points the rod up at theta 0 and turns it counter-clockwise', () => {
    const up = renderPendulum([0, 0], {});
    expect(at(up, 250, 250)).toEqual(BLACK);
    expect(at(up, 250, 310)).toEqual(ROD);
    expect(at(up, 250, 190)).toEqual(WHITE);
    const left = renderPendulum([Math.PI / 2, 0], {});
    expect(at(left, 190, 250)).toEqual(ROD);
    expect(at(left, 250, 310)).toEqual(WHITE);
    // Unwrapped angles draw like their wrapped equivalents.
    const wrapped = renderPendulum([Math.PI / 2 + 4 * Math.PI, 0], {});
    expect(at(wrapped, 190, 250)).toEqual(ROD);
  });
});

describe('MountainCar scene', () => {
  const WHEEL = [128, 128, 128];
  const PENNANT = [204, 204, 0];
  const scale = 600 / 1.8;
  const hill = (x: number) => Math.sin(3 * x) * 0.45 + 0.55;

  it('sits the car on the hill, tilted by cos(3x)', () => {
    for (const pos of [-0.5, -1.0, 0.3]) {
      const c = renderMountainCar([pos, 0], {});
      const tilt = Math.cos(3 * pos);
      const cx = (pos + 1.2) * scale;
      const cy = 10 + hill(pos) * scale;
      // The middle of the body, 12 px up the car's own axis.
      expect(at(c, cx - 12 * Math.sin(tilt), cy + 12 * Math.cos(tilt)), `body at ${pos}`).toEqual(BLACK);
      expect(at(c, cx + 10 * Math.cos(tilt), cy + 10 * Math.sin(tilt)), `wheel at ${pos}`).toEqual(WHEEL);
    }
  });

  it('draws the hill curve and the flag at each env goal', () => {
    const c = renderMountainCar([-0.5, 0], {});
    // A point on the curve far from the car is dark (anti-aliased, so not always pure black).
    const x = -1.0;
    expect(at(c, (x + 1.2) * scale, hill(x) * scale)![0]).toBeLessThan(140);
    // Discrete: flag pole at x = 0.5, pennant to its right near the top of the pole.
    expect(at(c, 575, 377)).toEqual(PENNANT);
    expect(at(c, 560, 374)).toEqual(WHITE);
    const continuous = renderMountainCarContinuous([-0.5, 0], {});
    expect(at(continuous, 560, 374)).toEqual(PENNANT);
  });

  it('draws the flag pole over the car, as Gymnasium does', () => {
    // At 0.47 the front wheel's centre is (566, 343), on the flag pole's column.
    const c = renderMountainCar([0.47, 0], {});
    expect(at(c, 566, 340)).toEqual(BLACK);
    expect(at(c, 563, 340)).toEqual(WHEEL);
  });
});

describe('Acrobot scene', () => {
  const LINK = [0, 204, 204];
  const JOINT = [204, 204, 0];
  const scale = 500 / 4.4;

  it('hangs the links down at rest, with joints and the goal line', () => {
    const c = renderAcrobot([0, 0, 0, 0], {});
    expect(at(c, 250, 250)).toEqual(JOINT);
    expect(at(c, 250, 250 - scale)).toEqual(JOINT);
    expect(at(c, 250, 250 - 0.5 * scale)).toEqual(LINK);
    expect(at(c, 250, 250 - 1.5 * scale)).toEqual(LINK);
    expect(at(c, 250, 250 + 0.5 * scale)).toEqual(WHITE);
    expect(at(c, 10, 363)).toEqual(BLACK);
  });

  it('swings counter-clockwise with theta1 and bends at the elbow with theta2', () => {
    const up = renderAcrobot([Math.PI, 0, 0, 0], {});
    expect(at(up, 250, 250 + 0.5 * scale)).toEqual(LINK);
    expect(at(up, 250, 250 - 0.5 * scale)).toEqual(WHITE);
    // theta1 = π/2: first link points right; theta2 = π/2 turns the second link up from there.
    const bent = renderAcrobot([Math.PI / 2, Math.PI / 2, 0, 0], {});
    expect(at(bent, 250 + 0.5 * scale, 250)).toEqual(LINK);
    expect(at(bent, 250 + scale, 250 + 0.5 * scale)).toEqual(LINK);
  });
});
