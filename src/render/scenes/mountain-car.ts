/**
 * MountainCar-v0's and MountainCarContinuous-v0's picture, laid out as Gymnasium's `render` lays
 * it out for both: 600×400, positions [-1.2, 0.6] across the width (333⅓ px per unit), the hill
 * y = 0.45·sin(3x) + 0.55 as a thin black curve at the same scale from the bottom edge, a 40×20
 * black car 10 px above the curve with two grey wheels, and a flag (black pole 50 px, yellow
 * pennant) at the goal position: 0.5 for the discrete env, 0.45 for the continuous one.
 * @module
 */
import { Canvas, type Point, type Rgb } from '../canvas.ts';
import { component, discRadius, Frame, rotate, rotatedBox, type Scene } from './frame.ts';

const WIDTH = 600;
const HEIGHT = 400;
const MIN_POSITION = -1.2;
const MAX_POSITION = 0.6;
const SCALE = WIDTH / (MAX_POSITION - MIN_POSITION);
const CAR_WIDTH = 40;
const CAR_HEIGHT = 20;
const CLEARANCE = 10;
/** Gymnasium samples the hill at 100 evenly spaced positions. */
const HILL_SAMPLES = 100;

const BLACK: Rgb = [0, 0, 0];
const WHEEL: Rgb = [128, 128, 128];
const PENNANT: Rgb = [204, 204, 0];

/** The hill's height at a position (Gymnasium's `_height`). */
function height(x: number): number {
  return Math.sin(3 * x) * 0.45 + 0.55;
}

/** The hill curve in pygame coordinates; it depends on nothing, so it is built once. */
const HILL: Point[] = Array.from({ length: HILL_SAMPLES }, (_, i) => {
  const x = MIN_POSITION + ((MAX_POSITION - MIN_POSITION) * i) / (HILL_SAMPLES - 1);
  return [(x - MIN_POSITION) * SCALE, height(x) * SCALE];
});

/**
 * The mountain-car scene with its flag at `goalPosition`. State: `[position, velocity]`.
 * The car is tilted by cos(3·position) radians, the slope itself rather than its angle, exactly
 * as Gymnasium tilts it (so it looks slightly too steep on the slopes).
 */
export function mountainCarScene(goalPosition: number): Scene {
  return (physical) => {
    // The hill never moves: it is drawn once and every frame starts from a copy.
    hillCanvas ??= drawHill();
    const canvas = hillCanvas.clone();
    const frame = new Frame(HEIGHT);
    const pos = component(physical, 0);
    const tilt = Math.cos(3 * pos);

    const carX = (pos - MIN_POSITION) * SCALE;
    const carY = CLEARANCE + height(pos) * SCALE;
    const car = rotatedBox(-CAR_WIDTH / 2, CAR_WIDTH / 2, CAR_HEIGHT, 0, tilt, carX, carY);
    canvas.fillPolygon(frame.points(car), BLACK);

    for (const side of [1, -1]) {
      const [wx, wy] = rotate((side * CAR_WIDTH) / 4, 0, tilt);
      // Gymnasium truncates wheel centres and radius to whole pixels.
      const [cx, cy] = frame.point(Math.trunc(wx + carX), Math.trunc(wy + carY));
      canvas.fillCircle(cx, cy, discRadius(Math.trunc(CAR_HEIGHT / 2.5)), WHEEL);
    }

    // The flag goes on last, as in Gymnasium: near the goal its pole crosses the car's wheel.
    const flagX = Math.trunc((goalPosition - MIN_POSITION) * SCALE);
    const flagY1 = Math.trunc(height(goalPosition) * SCALE);
    const flagY2 = flagY1 + 50;
    frame.vline(canvas, flagX, flagY1, flagY2, BLACK);
    const pennant: Point[] = [
      [flagX, flagY2],
      [flagX, flagY2 - 10],
      [flagX + 25, flagY2 - 5],
    ];
    canvas.fillPolygon(frame.points(pennant), PENNANT);
    return canvas;
  };
}

/** The hill alone, shared by both envs' scenes; built on first use. */
let hillCanvas: Canvas | undefined;

function drawHill(): Canvas {
  const canvas = new Canvas(WIDTH, HEIGHT);
  canvas.polyline(new Frame(HEIGHT).points(HILL), 1, BLACK);
  return canvas;
}

/** MountainCar-v0: flag at 0.5. */
export const renderMountainCar: Scene = mountainCarScene(0.5);

/** MountainCarContinuous-v0: flag at 0.45. */
export const renderMountainCarContinuous: Scene = mountainCarScene(0.45);
