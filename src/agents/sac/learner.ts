/**
 * SAC on the off-policy loop, as SB3 runs it with `train_freq=1`: uniformly random actions for
 * the first `learningStarts` env steps (switching mid-episode), then actions sampled from the
 * actor; every step's transition goes to the replay buffer, and once more than `learningStarts`
 * steps are taken each step is followed by `gradient_steps` updates. At the first episode's end
 * after `checkpointEvery` steps the networks and optimisers become a new version and the rows
 * collected since the last one are appended to the agent's data; the run ends with both too.
 * The learner drives any {@link ActorTrainer}: SAC's own, or MBPO's, which trains the same actor
 * and critics on model rollouts.
 * @module
 */
import { type Transitions, transitionSchema } from '../../experience/columns.ts';
import { concatTransitions } from '../../experience/concat.ts';
import type { Policy } from '../../experience/policy.ts';
import { randomPolicy } from '../../experience/policy.ts';
import { type TransitionReader, transitionStream } from '../../experience/reader.ts';
import type { ReplayBuffer } from '../../experience/replay-buffer.ts';
import { encodeSegment } from '../../experience/segments.ts';
import { spaceFromDescription } from '../../spaces/index.ts';
import type { Store } from '../../store/store.ts';
import type { TfModule } from '../../tensor/backend.ts';
import type { LoopProgress, OffPolicyLearner } from '../loops/off-policy.ts';
import type { AgentRecord } from '../record.ts';
import { envAction } from '../spaces.ts';
import { actorAction } from './agent-policy.ts';
import type { SacNetworks } from './networks.ts';
import type { ActionScale } from './record.ts';
import { normalNoise, type SacUpdateStats } from './update.ts';

/** What the learner trains: an actor and critics updated from a replay buffer of env steps. */
export interface ActorTrainer {
  readonly tf: TfModule;
  readonly record: AgentRecord;
  readonly net: SacNetworks;
  readonly scale: ActionScale;
  /** The env steps' transitions (every step of the run is added here). */
  readonly replay: ReplayBuffer;
  /** Updates per env step. */
  readonly gradientSteps: number;
  /** Updates made so far (over the agent's versions). */
  readonly updates: number;
  /**
   * After each env step's row is in {@link replay}, before that step's updates (MBPO refits its
   * model and rolls it out here when due).
   */
  afterEnvStep?(steps: number): void;
  /** Whether updates can run yet (MBPO: not before its first model rollouts); absent: always. */
  ready?(): boolean;
  /** One gradient update. */
  update(): SacUpdateStats;
  /** Stores the networks (and optimisers) as the agent's next version; resolves with its number. */
  saveVersion(store: Store, transitions: number): Promise<number>;
}

/** Settings of one learning run. */
export interface SacLearnSettings {
  learningStarts: number;
  checkpointEvery: number;
}

/** See the module doc. */
export class SacLearner implements OffPolicyLearner {
  #steps: number;
  #pending: Transitions[] = [];
  #stats: SacUpdateStats | undefined;
  #savedAt: number;
  #version: number;

  /**
   * @param steps - env steps of the run so far (a resumed run's).
   * @param version - the version the trainer holds (0: none yet).
   */
  constructor(
    readonly store: Store,
    readonly reader: TransitionReader,
    readonly trainer: ActorTrainer,
    readonly settings: SacLearnSettings,
    steps: number,
    version: number,
  ) {
    this.#steps = steps;
    this.#version = version;
    this.#savedAt = trainer.updates;
  }

  /** The latest version the run stored (or started from). */
  get version(): number {
    return this.#version;
  }

  /** The last update's losses and entropy coefficient (none before the first update). */
  get stats(): SacUpdateStats | undefined {
    return this.#stats;
  }

  episodePolicy(): { policy: Policy; version: number } {
    const { record, net, scale, tf } = this.trainer;
    const random = randomPolicy(spaceFromDescription(record.action_space));
    const policy: Policy = {
      act: (obs, rng) => {
        if (this.#steps < this.settings.learningStarts) return random.act(obs, rng);
        const noise = normalNoise(rng, 1, net.shape.actionDim);
        return envAction(record.action_space, actorAction(tf, net, scale, obs, noise));
      },
    };
    return { policy, version: this.#version };
  }

  afterStep(steps: number, transition: Transitions): void {
    this.#steps = steps;
    const { trainer } = this;
    trainer.replay.add(transition);
    trainer.afterEnvStep?.(steps);
    if (steps <= this.settings.learningStarts || trainer.ready?.() === false) return;
    for (let g = 0; g < trainer.gradientSteps; g++) this.#stats = trainer.update();
  }

  async afterEpisode(progress: LoopProgress, rows: Transitions): Promise<boolean> {
    this.#pending.push(rows);
    if (progress.sinceUpdate < this.settings.checkpointEvery) return false;
    progress.version = await this.#save();
    return true;
  }

  async finish(rows: Transitions): Promise<void> {
    this.#pending.push(rows);
    // A run that made no update since the last version stores its rows only.
    if (this.trainer.updates > this.#savedAt || this.#version === 0) await this.#save();
    else await this.#appendPending();
  }

  async #save(): Promise<number> {
    const transitions = await this.#appendPending();
    this.#version = await this.trainer.saveVersion(this.store, transitions);
    this.#savedAt = this.trainer.updates;
    return this.#version;
  }

  /** Appends the pending rows to the agent's data; resolves with the agent's row count. */
  async #appendPending(): Promise<number> {
    const { record, net } = this.trainer;
    const schema = transitionSchema({ obsDim: net.shape.obsDim, actionDim: net.shape.actionDim });
    const rows = concatTransitions(this.#pending, schema);
    this.#pending = [];
    if (rows.n > 0) await this.store.appendSegment(transitionStream(record.id), encodeSegment(rows, schema));
    return this.reader.count(record.id, schema);
  }
}
