/**
 * Our MuJoCo envs against Gymnasium's episodes (written by scripts/mujoco-gym-episodes.py): the
 * same seeds and actions, and per episode the first step whose observation is more than 1e-3
 * from Gymnasium's (-1: none) and the largest difference.
 *
 *     npx tsx scripts/compare-mujoco.ts Walker2d-v5 /tmp
 * @module
 */
import { readFileSync } from 'node:fs';
import { GymEnv } from '../src/envs/gym-env.ts';
import { defaultRegistry } from '../src/envs/index.ts';

const [id, dir = '/tmp'] = process.argv.slice(2);
if (!id) throw new Error('usage: compare-mujoco.ts <env id> [dir]');
const episodes = JSON.parse(readFileSync(`${dir}/${id}.gym.json`, 'utf8')) as {
  seed: number;
  kwargs: Record<string, unknown>;
  actions: number[][];
  obs: number[][];
}[];
const def = (await defaultRegistry()).get(id);
for (const ep of episodes) {
  const env = new GymEnv(def, ep.kwargs);
  const ours = [Array.from(env.reset({ seed: ep.seed }).observation as ArrayLike<number>)];
  for (const a of ep.actions) ours.push(Array.from(env.step(a).observation as ArrayLike<number>));
  let first = -1;
  let largest = 0;
  ours.forEach((o, t) => {
    const d = Math.max(...o.map((v, i) => Math.abs(v - ep.obs[t]![i]!)));
    if (first < 0 && d > 1e-3) first = t;
    largest = Math.max(largest, d);
  });
  const line = { env: id, seed: ep.seed, steps: ours.length - 1, firstStepOver1e3: first, maxDiff: largest };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
