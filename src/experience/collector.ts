/**
 * Collects transitions from a batch of episodes stepped together (the envs' vector functions,
 * src/envs/vector.ts), for agents that learn from many envs at once. Sub-env `i` first resets
 * with `seed + i`; an ended sub-env resets before the next step, its generator continuing as in
 * Gymnasium's autoreset, so no step is spent on a reset and every recorded row is a real
 * transition whose `next_observation` is the state the episode reached (not the reset after it).
 * Rows are kept per sub-env and drained sub-env by sub-env, so consecutive rows continue each
 * other within an episode and episode boundaries stay visible.
 * @module
 */
import type { EnvDefinition } from '../envs/env.ts';
import { envInstance } from '../envs/instance.ts';
import { type VectorState, vectorReset, vectorStep } from '../envs/vector.ts';
import type { Generator } from '../rng/generator.ts';
import type { SpaceValue } from '../spaces/space.ts';
import type { TransitionSchema, Transitions } from './columns.ts';
import { concatTransitions } from './concat.ts';
import { actionRow, type EnvAction, observationRow, type Policy } from './policy.ts';
import { TransitionRecorder } from './recorder.ts';
import type { RolloutStep } from './rollout.ts';

/** Options of a {@link VectorCollector}. */
export interface CollectorOptions {
  numEnvs: number;
  /** Sub-env `i`'s first reset seed is `seed + i`. */
  seed: number;
  kwargs?: Readonly<Record<string, unknown>>;
  /** Options of every reset (e.g. `{task}`: autoresets keep it). */
  resetOptions?: Readonly<Record<string, unknown>>;
  /** Declares the optional columns `extras` provides (default: core columns only). */
  schema: TransitionSchema;
  /** The optional columns of sub-env `env`'s step (vector steps give no per-step info). */
  extras?(step: Omit<RolloutStep, 'info'> & { env: number }): Record<string, number | ArrayLike<number>>;
  observe?(value: SpaceValue): Float32Array;
}

/** An episode that ended during a {@link VectorCollector.collect}. */
export interface CollectedEpisode {
  /** The sub-env. */
  env: number;
  return: number;
  length: number;
  terminated: boolean;
  truncated: boolean;
}

/** See the module doc. */
export class VectorCollector {
  readonly numEnvs: number;
  #state: VectorState;
  #obs: Float32Array[];
  #values: SpaceValue[];
  readonly #returns: Float64Array;
  readonly #lengths: Uint32Array;
  readonly #recorders: TransitionRecorder[];
  #steps = 0;

  constructor(
    readonly def: EnvDefinition,
    readonly options: CollectorOptions,
  ) {
    this.numEnvs = options.numEnvs;
    const reset = vectorReset(def, {
      numEnvs: options.numEnvs,
      seed: options.seed,
      kwargs: options.kwargs,
      options: options.resetOptions,
      mode: 'disabled',
    });
    this.#state = reset.state;
    this.#values = reset.observations;
    const observe = options.observe ?? observationRow;
    this.#obs = reset.observations.map(observe);
    this.#returns = new Float64Array(options.numEnvs);
    this.#lengths = new Uint32Array(options.numEnvs);
    this.#recorders = Array.from({ length: options.numEnvs }, () => new TransitionRecorder(options.schema));
  }

  /** Vector steps taken so far (each steps every sub-env once). */
  get steps(): number {
    return this.#steps;
  }

  /** Rows collected and not drained yet. */
  get pending(): number {
    return this.#recorders.reduce((s, r) => s + r.n, 0);
  }

  /** Steps every sub-env `steps` times with `policy`; resolves the episodes that ended. */
  collect(policy: Policy, steps: number, rng: Generator): CollectedEpisode[] {
    const n = this.numEnvs;
    const observe = this.options.observe ?? observationRow;
    const { actionSpace } = envInstance(this.def, this.options.kwargs ?? {});
    const ended: CollectedEpisode[] = [];
    for (let t = 0; t < steps; t++) {
      const actions = this.#act(policy, rng);
      const result = vectorStep(this.def, this.#state, actions);
      const mask: boolean[] = new Array(n).fill(false);
      const next = result.observations.map(observe);
      for (let i = 0; i < n; i++) {
        const terminated = result.terminated[i] === 1;
        const truncated = result.truncated[i] === 1;
        const reward = result.rewards[i]!;
        const extra = this.options.extras?.({
          env: i,
          observation: this.#values[i]!,
          action: actions[i],
          next: result.observations[i]!,
          reward,
          terminated,
          truncated,
        });
        this.#recorders[i]!.push(
          this.#obs[i]!,
          actionRow(actionSpace, actions[i]),
          next[i]!,
          reward,
          terminated,
          truncated,
          extra,
        );
        this.#returns[i]! += reward;
        this.#lengths[i]! += 1;
        if (terminated || truncated) {
          ended.push({ env: i, return: this.#returns[i]!, length: this.#lengths[i]!, terminated, truncated });
          this.#returns[i] = 0;
          this.#lengths[i] = 0;
          mask[i] = true;
        }
      }
      this.#state = result.state;
      this.#obs = next;
      this.#values = result.observations;
      if (mask.some(Boolean)) this.#resetEnded(mask);
      this.#steps++;
    }
    return ended;
  }

  /**
   * The collected rows, sub-env by sub-env, emptying the collector. An episode still running is
   * split here: its rows so far end a stretch (values bootstrap from their next observation), and
   * the rest follows in a later drain.
   */
  drain(): Transitions {
    return concatTransitions(
      this.#recorders.map((r) => r.drain()),
      this.options.schema,
    );
  }

  #act(policy: Policy, rng: Generator): EnvAction[] {
    if (!policy.actBatch) return this.#obs.map((o) => policy.act(o, rng));
    const width = this.#obs[0]!.length;
    const flat = new Float32Array(this.numEnvs * width);
    for (let i = 0; i < this.numEnvs; i++) flat.set(this.#obs[i]!, i * width);
    const actions = policy.actBatch(flat, this.numEnvs, rng);
    if (actions.length !== this.numEnvs) {
      throw new Error(`the policy gave ${actions.length} actions for ${this.numEnvs} observations`);
    }
    return actions;
  }

  /** Resets the sub-envs in `mask`, each continuing its own generator. */
  #resetEnded(mask: boolean[]): void {
    const observe = this.options.observe ?? observationRow;
    const reset = vectorReset(this.def, {
      numEnvs: this.numEnvs,
      previous: this.#state,
      options: { ...this.options.resetOptions, reset_mask: mask },
    });
    this.#state = reset.state;
    for (let i = 0; i < this.numEnvs; i++) {
      if (!mask[i]) continue;
      this.#values[i] = reset.observations[i]!;
      this.#obs[i] = observe(reset.observations[i]!);
    }
  }
}
