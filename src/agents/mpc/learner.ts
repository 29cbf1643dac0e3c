/**
 * MPC on the off-policy loop (PETS's outer loop): random episodes until `warmupSteps` steps are
 * collected, then MPC episodes with the latest model. At an episode's end, once `refitEvery`
 * steps have passed since the last fit (or the warm-up just ended), the rows collected since the
 * last fit are appended to the agent's data and the model is refitted (a new version). Rows of
 * episodes after the last refit are appended when the run ends.
 * @module
 */

import { type Transitions, transitionSchema } from '../../experience/columns.ts';
import { concatTransitions } from '../../experience/concat.ts';
import { type TransitionReader, transitionStream } from '../../experience/reader.ts';
import { encodeSegment } from '../../experience/segments.ts';
import type { Store } from '../../store/store.ts';
import { episodePolicy } from '../evaluation.ts';
import type { LoopProgress, OffPolicyLearner } from '../loops/off-policy.ts';
import { actionWidth, observationWidth } from '../spaces.ts';
import { loadVersion } from '../versions.ts';
import { MpcAgentPolicy } from './agent-policy.ts';
import { fitAgentModel } from './fit.ts';
import { MpcPolicy } from './policy.ts';
import type { MpcRecord } from './record.ts';

/** A refit, as the learn job reports it. */
export interface MpcRefit {
  version: number;
  transitions: number;
  validationMse: number[];
  epochs: number;
  /** The terminal value's fit, when the agent has one. */
  value?: { validationMse: number[]; meanTarget: number };
}

/** See the module doc. Dispose it when the run ends. */
export class MpcLearner implements OffPolicyLearner {
  #policy: MpcPolicy | null = null;
  #pending: Transitions[] = [];

  private constructor(
    readonly store: Store,
    readonly reader: TransitionReader,
    readonly record: MpcRecord,
    readonly settings: { warmupSteps: number; refitEvery: number },
    readonly onRefit: (refit: MpcRefit) => void,
  ) {}

  /** The learner of a run at `progress` (planning with its version once the warm-up is over). */
  static async open(
    store: Store,
    reader: TransitionReader,
    record: MpcRecord,
    settings: { warmupSteps: number; refitEvery: number },
    progress: LoopProgress,
    onRefit: (refit: MpcRefit) => void = () => {},
  ): Promise<MpcLearner> {
    const learner = new MpcLearner(store, reader, record, settings, onRefit);
    if (progress.version > 0 && progress.steps >= settings.warmupSteps) await learner.#use(progress.version);
    return learner;
  }

  episodePolicy(seed: number) {
    const policy = this.#policy;
    return policy
      ? { policy: episodePolicy(new MpcAgentPolicy(policy), this.record, seed), version: policy.version }
      : null;
  }

  async afterEpisode(progress: LoopProgress, rows: Transitions): Promise<boolean> {
    this.#pending.push(rows);
    const warmupDone = this.#policy === null && progress.steps >= this.settings.warmupSteps;
    const due = this.#policy !== null && progress.sinceUpdate >= this.settings.refitEvery;
    if (!warmupDone && !due) return false;
    await this.#appendPending();
    const fit = await fitAgentModel(this.store, this.reader, this.record);
    progress.version = fit.version;
    this.onRefit({
      version: fit.version,
      transitions: fit.transitions,
      validationMse: fit.validationMse,
      epochs: fit.epochs,
      ...(fit.value ? { value: fit.value } : {}),
    });
    await this.#use(fit.version);
    return true;
  }

  async finish(rows: Transitions): Promise<void> {
    this.#pending.push(rows);
    await this.#appendPending();
  }

  async dispose(): Promise<void> {
    await this.#policy?.dispose();
    this.#policy = null;
  }

  async #appendPending(): Promise<void> {
    const schema = transitionSchema({
      obsDim: observationWidth(this.record.observation_space),
      actionDim: actionWidth(this.record.action_space),
    });
    const rows = concatTransitions(this.#pending, schema);
    this.#pending = [];
    if (rows.n > 0)
      await this.store.appendSegment(transitionStream(this.record.id), encodeSegment(rows, schema));
  }

  async #use(version: number): Promise<void> {
    await this.#policy?.dispose();
    this.#policy = await MpcPolicy.build(
      this.record,
      (await loadVersion(this.store, this.record.id, version))!,
    );
  }
}
