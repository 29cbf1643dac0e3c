/**
 * A trained value ensemble (deterministic members, observation in, one value out) as the batched
 * terminal value planners add at the end of their horizon, in the units it was fitted in
 * (discounted return). Every member predicts every row and the value is the LOWEST of them,
 * clipped to the range of the targets it was fitted on: a planner maximises the value, so it seeks
 * out wherever the value errs high, which is where the data is thin, the members disagree and
 * the networks extrapolate (the overestimation clipped double Q-learning, Fujimoto et al. 2018,
 * answers with the same minimum).
 * @module
 */
import type { Ensemble } from '../models/ensemble.ts';
import type { TerminalValueFunction } from './evaluator.ts';
import { disposeMember, prepareMember, runMember } from './member-kernels.ts';

/** A terminal value holding tensors of its own. */
export interface ValueModel {
  readonly value: TerminalValueFunction;
  dispose(): void;
}

/**
 * The value function of `ensemble` (its weights copied: later training does not change it; dispose
 * it when done). Throws a RangeError unless it maps `obsDim` inputs to one deterministic output.
 */
export function ensembleValueModel(
  ensemble: Ensemble,
  obsDim: number,
  /** `[lowest, highest]` target of the fit; values are clipped to it (default: not clipped). */
  range: readonly [number, number] = [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
): ValueModel {
  const { tf, config } = ensemble;
  if (config.inputDim !== obsDim || config.outputDim !== 1 || !config.deterministic) {
    throw new RangeError(
      `a value ensemble maps ${obsDim} observation values to 1 deterministic output; this one is ` +
        `${config.inputDim} -> ${config.outputDim}${config.deterministic ? '' : ' (probabilistic)'}`,
    );
  }
  const members = Array.from({ length: config.ensembleSize }, (_, m) => prepareMember(tf, ensemble, m));
  const mean = ensemble.params.outputMean.dataSync()[0]!;
  const std = ensemble.params.outputStd.dataSync()[0]!;
  let disposed = false;
  return {
    value(obs, n) {
      if (disposed) throw new Error('value model used after dispose()');
      const out = new Float32Array(n).fill(Number.POSITIVE_INFINITY);
      if (n === 0) return out;
      for (const member of members) {
        const raw = runMember(tf, member, obs.subarray(0, n * obsDim), n);
        for (let r = 0; r < n; r++) out[r] = Math.min(out[r]!, raw[r]!);
      }
      // std > 0, so the lowest standardised output is the lowest value.
      for (let r = 0; r < n; r++) out[r] = Math.min(range[1], Math.max(range[0], out[r]! * std + mean));
      return out;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const member of members) disposeMember(member);
    },
  };
}
