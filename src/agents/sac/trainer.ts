/**
 * A SAC agent being trained: its networks and optimisers (fresh from the config's seed, or the
 * latest version's), a replay buffer, the generator of minibatches and actor noise, and the
 * update count. The learn loop (learner.ts) and the offline train job drive it; it stores
 * versions and, with the loop's progress, checkpoints from which a run resumes bit for bit.
 * @module
 */
import { type Transitions, transitionSchema } from '../../experience/columns.ts';
import { ReplayBuffer } from '../../experience/replay-buffer.ts';
import { Generator, type RngState } from '../../rng/generator.ts';
import type { Store } from '../../store/store.ts';
import { loadTf, type TfModule } from '../../tensor/backend.ts';
import { type ArtifactBytes, artifactBytes, type LoadedVersion, saveVersion } from '../versions.ts';
import { loadSacNetworks, restoreSacOptimizers, sacArtifacts } from './artifacts.ts';
import { targetEntropy } from './config.ts';
import { createSacNetworks, disposeSacNetworks, type SacNetworks } from './networks.ts';
import { ActionScale, type SacRecord, sacShape } from './record.ts';
import {
  createSacOptimizers,
  drawSacNoise,
  type SacOptimizers,
  type SacUpdateSettings,
  type SacUpdateStats,
  sacUpdate,
} from './update.ts';

/** The trainer's part of a checkpoint (the networks are in the version it names). */
export interface SacTrainerState {
  updates: number;
  rng: RngState;
  replay: ReturnType<ReplayBuffer['state']>;
}

/** The update generator of a run with `seed`: a stream apart from the episodes' (seed + k). */
export function updateRng(seed: number): Generator {
  return Generator.fromSeed(2 ** 32 + seed);
}

/** See the module doc. Dispose it when done. */
export class SacTrainer {
  readonly settings: SacUpdateSettings;
  readonly scale: ActionScale;
  #updates: number;

  private constructor(
    readonly tf: TfModule,
    readonly record: SacRecord,
    readonly net: SacNetworks,
    readonly opt: SacOptimizers,
    readonly replay: ReplayBuffer,
    public rng: Generator,
    updates: number,
  ) {
    const c = record.config;
    this.settings = {
      gamma: c.gamma,
      tau: c.tau,
      learningRate: c.learning_rate,
      targetUpdateInterval: c.target_update_interval,
      ...(c.ent_coef === 'auto' ? {} : { fixedEntCoef: c.ent_coef }),
      targetEntropy: targetEntropy(c, net.shape.actionDim),
    };
    this.scale = new ActionScale(record.action_space);
    this.#updates = updates;
  }

  /**
   * The trainer from `version` (its networks, optimisers and update count), or fresh from the
   * config's seed without one; the replay buffer from `state` (a checkpoint) or empty.
   */
  static async open(
    record: SacRecord,
    version: LoadedVersion | undefined,
    rng: Generator,
    state?: SacTrainerState,
  ): Promise<SacTrainer> {
    const tf = await loadTf();
    const shape = sacShape(record);
    const opt = createSacOptimizers(tf, record.config.learning_rate);
    let net: SacNetworks;
    let updates = 0;
    if (version) {
      const artifacts = artifactBytes(version);
      net = loadSacNetworks(tf, shape, artifacts);
      restoreSacOptimizers(opt, artifacts.optimizers);
      updates = (version.record.artifacts.actor?.meta?.updates as number | undefined) ?? 0;
    } else {
      net = createSacNetworks(tf, shape, Generator.fromSeed(record.config.seed), record.config.init_ent_coef);
    }
    const replay = state
      ? ReplayBuffer.fromState(state.replay)
      : new ReplayBuffer(
          transitionSchema({ obsDim: shape.obsDim, actionDim: shape.actionDim }),
          record.config.buffer_size,
        );
    return new SacTrainer(
      tf,
      record,
      net,
      opt,
      replay,
      state ? Generator.fromState(state.rng) : rng,
      state?.updates ?? updates,
    );
  }

  /** Updates made so far (over the agent's versions). */
  get updates(): number {
    return this.#updates;
  }

  /** Updates per env step when learning from episodes. */
  get gradientSteps(): number {
    return this.record.config.gradient_steps;
  }

  /** One gradient update on a minibatch from the replay buffer. */
  update(): SacUpdateStats {
    return this.updateOn(this.replay.sample(this.record.config.batch_size, this.rng).batch);
  }

  /** One gradient update on `batch` (env-unit actions); the actor noise comes from the trainer's generator. */
  updateOn(batch: Transitions): SacUpdateStats {
    const stats = sacUpdate(
      this.tf,
      this.net,
      this.opt,
      this.settings,
      {
        n: batch.n,
        obs: batch.obs,
        action: this.scale.toUnit(batch.action),
        reward: batch.reward,
        nextObs: batch.nextObs,
        terminated: batch.terminated,
      },
      drawSacNoise(this.rng, batch.n, this.net.shape.actionDim),
      this.#updates,
    );
    this.#updates++;
    return stats;
  }

  /** Stores the networks and optimisers as the agent's next version; returns its number. */
  async saveVersion(store: Store, transitions: number): Promise<number> {
    return saveVersion(store, this.record.id, await this.artifacts(), transitions);
  }

  /** The version artifacts of the networks and optimisers (with the update count). */
  artifacts(): Promise<Record<string, ArtifactBytes>> {
    return sacArtifacts(this.net, this.opt, { updates: this.#updates });
  }

  /** The trainer's part of a checkpoint (copies: training may go on). */
  state(): SacTrainerState {
    return { updates: this.#updates, rng: this.rng.getState(), replay: this.replay.state() };
  }

  dispose(): void {
    disposeSacNetworks(this.net);
    for (const o of Object.values(this.opt)) o.dispose();
  }
}
