/**
 * Pendulum-v1's picture, laid out as Gymnasium's `PendulumEnv.render` lays it out: 500×500, the
 * pivot at the centre, a view of ±2.2 m (about 113.6 px per metre), a red rod 1 m long and
 * 0.2 m wide with round ends, and a small black axle disc on the pivot.
 *
 * Gymnasium also draws a curved arrow scaled by the last torque applied. The physical state does
 * not hold the last action, so that arrow is not drawn; the picture is otherwise the same.
 * @module
 */
import { Canvas, type Rgb } from '../canvas.ts';
import { component, discRadius, Frame, rotate, rotatedBox, type Scene } from './frame.ts';

const SIZE = 500;
const BOUND = 2.2;
const SCALE = SIZE / (BOUND * 2);
const OFFSET = Math.floor(SIZE / 2);
const ROD_LENGTH = 1 * SCALE;
const ROD_WIDTH = 0.2 * SCALE;

const ROD: Rgb = [204, 77, 77];
const BLACK: Rgb = [0, 0, 0];

/**
 * Draws Pendulum's state `[theta, theta_dot]`: theta 0 points the rod straight up, and positive
 * theta turns it counter-clockwise (to the left), as in Gymnasium. theta need not be wrapped.
 */
export const renderPendulum: Scene = (physical) => {
  const canvas = new Canvas(SIZE, SIZE);
  const frame = new Frame(SIZE);
  const angle = component(physical, 0) + Math.PI / 2;

  const rod = rotatedBox(0, ROD_LENGTH, ROD_WIDTH / 2, -ROD_WIDTH / 2, angle, OFFSET, OFFSET);
  canvas.fillPolygon(frame.points(rod), ROD);

  const endRadius = discRadius(Math.trunc(ROD_WIDTH / 2));
  const [px, py] = frame.point(OFFSET, OFFSET);
  canvas.fillCircle(px, py, endRadius, ROD);
  // Gymnasium truncates the rod end to whole pixels before drawing its disc.
  const [ex, ey] = rotate(ROD_LENGTH, 0, angle);
  const [tx, ty] = frame.point(Math.trunc(ex + OFFSET), Math.trunc(ey + OFFSET));
  canvas.fillCircle(tx, ty, endRadius, ROD);

  canvas.fillCircle(px, py, discRadius(Math.trunc(0.05 * SCALE)), BLACK);
  return canvas;
};
