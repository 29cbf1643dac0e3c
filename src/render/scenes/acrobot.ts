/**
 * Acrobot-v1's picture, laid out as Gymnasium's `AcrobotEnv.render` lays it out: 500×500, the
 * fixed pivot at the centre, a view of ±2.2 (two links of length 1 plus 0.2), a thin black goal line
 * one link length above the pivot, cyan links 0.2 wide and yellow joint discs at the pivot and the
 * elbow.
 * @module
 */
import { Canvas, type Point, type Rgb } from '../canvas.ts';
import { component, discRadius, Frame, rotatedBox, type Scene } from './frame.ts';

const SIZE = 500;
const LINK_LENGTH_1 = 1;
const LINK_LENGTH_2 = 1;
const BOUND = LINK_LENGTH_1 + LINK_LENGTH_2 + 0.2;
const SCALE = SIZE / (BOUND * 2);
const OFFSET = SIZE / 2;

const BLACK: Rgb = [0, 0, 0];
const LINK: Rgb = [0, 204, 204];
const JOINT: Rgb = [204, 204, 0];

/**
 * Draws Acrobot's state `[theta1, theta2, dtheta1, dtheta2]`: theta1 = 0 hangs the first link
 * straight down, theta2 is the second link's angle relative to the first, positive angles turn
 * counter-clockwise, as in Gymnasium.
 */
export const renderAcrobot: Scene = (physical) => {
  const canvas = new Canvas(SIZE, SIZE);
  const frame = new Frame(SIZE);
  const t1 = component(physical, 0);
  const t2 = component(physical, 1);

  // Joint positions relative to the pivot, in pygame's (x, y) with Gymnasium's axis swap applied.
  const elbow: Point = [LINK_LENGTH_1 * Math.sin(t1) * SCALE, -LINK_LENGTH_1 * Math.cos(t1) * SCALE];
  const joints: Point[] = [[0, 0], elbow];
  const angles = [t1 - Math.PI / 2, t1 + t2 - Math.PI / 2];
  const lengths = [LINK_LENGTH_1 * SCALE, LINK_LENGTH_2 * SCALE];

  // pygame.draw.line truncates its float end points to whole pixels.
  frame.hline(canvas, 0, SIZE - 1, Math.trunc(1 * SCALE + OFFSET), BLACK);

  for (let i = 0; i < 2; i++) {
    const [jx, jy] = joints[i]!;
    const x = jx + OFFSET;
    const y = jy + OFFSET;
    const half = 0.1 * SCALE;
    const link = rotatedBox(0, lengths[i]!, half, -half, angles[i]!, x, y);
    canvas.fillPolygon(frame.points(link), LINK);
    // Each joint disc goes on after its link, so the elbow disc covers the second link's root.
    const [cx, cy] = frame.point(Math.trunc(x), Math.trunc(y));
    canvas.fillCircle(cx, cy, discRadius(Math.trunc(0.1 * SCALE)), JOINT);
  }
  return canvas;
};
