/**
 * MBPO's branched rollouts (Janner et al. 2019, Algorithm 2): from states drawn from the env
 * data, `length` steps through the dynamics ensemble, each row of each step through a random
 * elite (mbrl-lib's `random_model` propagation), with actions sampled from the actor and the
 * env's known reward and termination where the model does not predict them. A row that
 * terminates stops. Every step's rows are transitions for the SAC updates.
 * @module
 */
import type * as Tf from '@tensorflow/tfjs';
import { type TransitionSchema, type Transitions, transitionSchema } from '../../experience/columns.ts';
import { concatTransitions } from '../../experience/concat.ts';
import type { RewardFunction, TerminationFunction } from '../../planners/evaluator.ts';
import { FastNormal } from '../../planners/fast-normal.ts';
import type { RolloutModel } from '../../planners/rollout-model.ts';
import type { Generator } from '../../rng/generator.ts';
import type { TfModule } from '../../tensor/backend.ts';
import { actorSample, type SacNetworks } from '../sac/networks.ts';
import type { ActionScale } from '../sac/record.ts';
import { normalNoise } from '../sac/update.ts';

/** Rows the actor samples in one kernel call (bounds the activations' memory). */
const ACTOR_CHUNK = 8192;

/** What {@link branchedRollouts} needs. */
export interface BranchOptions {
  tf: TfModule;
  net: SacNetworks;
  scale: ActionScale;
  model: RolloutModel;
  /** Known reward; required when the model predicts none. */
  reward?: RewardFunction;
  /** Known termination; absent (and not predicted): nothing terminates. */
  terminal?: TerminationFunction;
  /** `[n, obsDim]` start states. */
  starts: Float32Array;
  n: number;
  length: number;
  /** Every draw (actor noise, members, model noise) comes from it. */
  rng: Generator;
}

/** Actions sampled from the actor for `n` observations, in env units. */
export function sampleActions(
  tf: TfModule,
  net: SacNetworks,
  scale: ActionScale,
  obs: Float32Array,
  n: number,
  rng: Generator,
): Float32Array {
  const { obsDim, actionDim } = net.shape;
  const out = new Float32Array(n * actionDim);
  for (let start = 0; start < n; start += ACTOR_CHUNK) {
    const rows = Math.min(ACTOR_CHUNK, n - start);
    const noise = normalNoise(rng, rows, actionDim);
    const unit = tf.tidy(() => {
      const o = tf.tensor2d(obs.subarray(start * obsDim, (start + rows) * obsDim), [rows, obsDim]);
      const a: Tf.Tensor2D = actorSample(tf, net, o, tf.tensor2d(noise, [rows, actionDim])).action;
      return a;
    });
    out.set(unit.dataSync() as Float32Array, start * actionDim);
    unit.dispose();
  }
  return scale.fromUnit(out);
}

/** See the module doc; the rows of all steps, step by step. */
export function branchedRollouts(options: BranchOptions): Transitions {
  const { model, rng, length } = options;
  const d = model.obsDim;
  const actionDim = options.net.shape.actionDim;
  const schema: TransitionSchema = transitionSchema({ obsDim: d, actionDim });
  if (!model.predictsReward && !options.reward)
    throw new Error('branched rollouts need a known reward when the model predicts none');
  const noise = new FastNormal(rng);
  const steps: Transitions[] = [];
  let obs = options.starts.slice(0, options.n * d);
  let n = options.n;
  for (let t = 0; t < length && n > 0; t++) {
    const action = sampleActions(options.tf, options.net, options.scale, obs, n, rng);
    const member = new Int32Array(n);
    for (let i = 0; i < n; i++) member[i] = rng.integers(0, model.members);
    const out = model.step({ obs, action, n, member, noise });
    const reward = out.reward ?? options.reward!(obs, action, out.next, n);
    const terminated = out.terminal ?? options.terminal?.(out.next, n) ?? new Uint8Array(n);
    const truncated = new Uint8Array(n);
    if (t === length - 1) truncated.fill(1);
    steps.push({ obs, action, nextObs: out.next, reward, terminated, truncated, n });
    // Rows that terminated stop; the others go on from where the model put them.
    let alive = 0;
    for (let i = 0; i < n; i++) if (!terminated[i]) alive++;
    const next = new Float32Array(alive * d);
    for (let i = 0, k = 0; i < n; i++) {
      if (terminated[i]) continue;
      next.set(out.next.subarray(i * d, (i + 1) * d), k * d);
      k++;
    }
    obs = next;
    n = alive;
  }
  return concatTransitions(steps, schema);
}
