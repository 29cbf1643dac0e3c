/**
 * CartPole-v1's picture, laid out as Gymnasium's `CartPoleEnv.render` lays it out: 600×400,
 * 125 pixels per metre (the ±2.4 m track spans the width), a 50×30 black cart centred 100 px above
 * the bottom on a black track line, a 10 px wide tan pole (drawn 2 × the 0.5 half-length) hinged
 * 7.5 px above the cart's centre, and a lavender axle disc.
 * @module
 */
import { Canvas, type Rgb } from '../canvas.ts';
import { component, discRadius, Frame, rotatedBox, type Scene } from './frame.ts';

const WIDTH = 600;
const HEIGHT = 400;
const X_THRESHOLD = 2.4;
const HALF_POLE_LENGTH = 0.5;
const SCALE = WIDTH / (X_THRESHOLD * 2);
const POLE_WIDTH = 10;
const POLE_LENGTH = SCALE * (2 * HALF_POLE_LENGTH);
const CART_WIDTH = 50;
const CART_HEIGHT = 30;
const AXLE_OFFSET = CART_HEIGHT / 4;
/** Gymnasium calls it the top of the cart, but the cart's corners are ±15 about it: it is the centre. */
const CART_Y = 100;

const BLACK: Rgb = [0, 0, 0];
const POLE: Rgb = [202, 152, 101];
const AXLE: Rgb = [129, 132, 203];

/**
 * Draws CartPole's state `[x, x_dot, theta, theta_dot]`; only x and theta show.
 * Positive theta leans the pole to the right, as in Gymnasium. A cart past ±2.4 m is off-screen, as there.
 */
export const renderCartPole: Scene = (physical) => {
  const canvas = new Canvas(WIDTH, HEIGHT);
  const frame = new Frame(HEIGHT);
  const x = component(physical, 0);
  const theta = component(physical, 2);
  const cartX = x * SCALE + WIDTH / 2;

  const cart = rotatedBox(
    -CART_WIDTH / 2,
    CART_WIDTH / 2,
    CART_HEIGHT / 2,
    -CART_HEIGHT / 2,
    0,
    cartX,
    CART_Y,
  );
  canvas.fillPolygon(frame.points(cart), BLACK);

  const half = POLE_WIDTH / 2;
  const pole = rotatedBox(-half, half, POLE_LENGTH - half, -half, -theta, cartX, CART_Y + AXLE_OFFSET);
  canvas.fillPolygon(frame.points(pole), POLE);

  // Gymnasium truncates the axle's centre and radius to integers before drawing the disc.
  const [ax, ay] = frame.point(Math.trunc(cartX), Math.trunc(CART_Y + AXLE_OFFSET));
  canvas.fillCircle(ax, ay, discRadius(Math.trunc(POLE_WIDTH / 2)), AXLE);

  // Drawn last, so it crosses over whatever dips below the cart's centre line.
  frame.hline(canvas, 0, WIDTH, CART_Y, BLACK);
  return canvas;
};
