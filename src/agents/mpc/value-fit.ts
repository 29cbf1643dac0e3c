/**
 * Fits an MPC agent's terminal value: an ensemble of deterministic MLPs from observation to
 * discounted return, trained by fitted value iteration on the agent's transitions. Each round
 * evaluates the current ensemble on every next observation, builds TD(lambda) targets from the
 * logged rewards (src/experience/returns.ts) and trains on them; the first round of a fresh
 * ensemble bootstraps from zero. The value is that of the policy that collected the data (random
 * warm-up and MPC), which is what tells a planner that a state drifts towards failure.
 * @module
 */
import { episodeEnds } from '../../experience/boundaries.ts';
import type { Transitions } from '../../experience/columns.ts';
import { lambdaReturns } from '../../experience/returns.ts';
import { createEnsemble, type Ensemble } from '../../models/ensemble.ts';
import { type EpochStats, trainEnsemble } from '../../models/train.ts';
import type { ValueSection } from './config.ts';

/** Options of {@link fitValue}. */
export interface ValueFitOptions {
  /**
   * The previous version's value ensemble, trained further in place (fitValue owns it from then
   * on: it is returned, or disposed on failure); absent: a fresh one.
   */
  previous?: Ensemble;
  /** Seed of initialisation, holdout split, bootstraps and batch order. */
  seed: number;
  /** Called after every epoch of every round (throw to stop). */
  onEpoch?(stats: EpochStats & { round: number }): void;
}

/** What {@link fitValue} produced (the caller owns and disposes `ensemble`). */
export interface ValueFit {
  ensemble: Ensemble;
  validationMse: number[];
  /** Mean target of the last round (a scale check: at most `1 / (1 - discount)` for rewards of 1). */
  meanTarget: number;
  /** Lowest and highest target of the last round: planning clips the value to them. */
  targetRange: [number, number];
}

/** See the module doc. */
export async function fitValue(
  data: Transitions,
  obsDim: number,
  section: ValueSection,
  options: ValueFitOptions,
): Promise<ValueFit> {
  const ensemble =
    options.previous ??
    (await createEnsemble(
      {
        inputDim: obsDim,
        outputDim: 1,
        hiddenSizes: section.hidden_sizes,
        ensembleSize: section.ensemble_size,
        deterministic: true,
      },
      { seed: options.seed },
    ));
  try {
    const inputs = data.obs.subarray(0, data.n * obsDim);
    let validationMse: number[] = [];
    let meanTarget = 0;
    let targetRange: [number, number] = [0, 0];
    for (let round = 0; round < section.rounds; round++) {
      const nextValue =
        round === 0 && !options.previous
          ? new Float32Array(data.n)
          : await meanPrediction(ensemble, data.nextObs.subarray(0, data.n * obsDim), data.n);
      const targets = valueTargets(data, obsDim, nextValue, section);
      let sum = 0;
      targetRange = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
      for (const g of targets) {
        sum += g;
        targetRange = [Math.min(targetRange[0], g), Math.max(targetRange[1], g)];
      }
      meanTarget = sum / data.n;
      const result = trainEnsemble(
        ensemble,
        { inputs, targets, n: data.n },
        {
          epochs: section.epochs,
          batchSize: section.batch_size,
          learningRate: section.learning_rate,
          seed: options.seed + round,
          ...(options.onEpoch ? { onEpoch: (s: EpochStats) => options.onEpoch!({ ...s, round }) } : {}),
        },
      );
      validationMse = result.valMse;
    }
    return { ensemble, validationMse, meanTarget, targetRange };
  } catch (err) {
    ensemble.dispose();
    throw err;
  }
}

/**
 * One round's regression targets: TD(lambda) returns of the logged rewards, cut at terminations
 * and bootstrapped from `nextValue` (each row's next observation's value) where a stretch ends
 * (`episodeEnds`: an episode's end, or where the data does not continue).
 */
export function valueTargets(
  data: Transitions,
  obsDim: number,
  nextValue: Float32Array,
  section: Pick<ValueSection, 'discount' | 'lambda'>,
): Float32Array {
  return lambdaReturns({
    reward: data.reward,
    terminated: data.terminated,
    ends: episodeEnds(data, obsDim),
    nextValue,
    discount: section.discount,
    lambda: section.lambda,
  });
}

/** The members' mean prediction for `n` rows. */
async function meanPrediction(ensemble: Ensemble, inputs: Float32Array, n: number): Promise<Float32Array> {
  const { means } = await ensemble.predict(inputs, n);
  const out = new Float32Array(n);
  for (const m of means) for (let i = 0; i < n; i++) out[i]! += m[i]! / means.length;
  return out;
}
