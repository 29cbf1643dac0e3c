/**
 * Scores candidate action sequences by rolling them out through a {@link RolloutModel} with
 * trajectory sampling (mbrl-lib's `ModelEnv.evaluate_action_sequences`): every candidate is
 * copied into `particles` rows, rows are assigned to members by the propagation method, rewards
 * are summed (optionally discounted) until a row terminates (the terminating step's reward counts,
 * later ones do not), a row alive at the horizon adds the terminal value of its last state when
 * there is one, and a candidate's return is the mean over its particles.
 * @module
 */
import { FastNormal } from './fast-normal.ts';
import type { Propagation, RolloutModel } from './rollout-model.ts';

/** A known batched reward, as {@link BatchedFunctions.reward} with the env's parameters bound. */
export type RewardFunction = (
  obs: Float32Array,
  action: Float32Array,
  nextObs: Float32Array,
  n: number,
) => Float32Array;
/** A known batched termination, as {@link BatchedFunctions.terminal} with the parameters bound. */
export type TerminationFunction = (nextObs: Float32Array, n: number) => Uint8Array;
/** A batched state value: `[n, obsDim]` observations to `[n]` values. */
export type TerminalValueFunction = (obs: Float32Array, n: number) => Float32Array;

/** What an evaluator needs besides the sequences. */
export interface EvaluatorOptions {
  model: RolloutModel;
  /** Known reward; when absent the model must predict rewards. */
  reward?: RewardFunction;
  /** Known termination; when absent the model's prediction is used, if it makes one. */
  terminal?: TerminationFunction;
  /**
   * Value of the states a rollout reaches at the horizon without terminating, added to its return
   * (MPC with a terminal value, as in POLO and TD-MPC): it lets a short horizon see what follows.
   */
  terminalValue?: TerminalValueFunction;
  /**
   * Weight `discount^t` of the reward of step `t`, and `discount^horizon` of the terminal value
   * (default 1: plain sums, as PETS). Set it to the value's discount when there is one.
   */
  discount?: number;
  /** Particles per candidate (default 20, PETS; 1 for a deterministic model). */
  particles?: number;
  /** Default `tsinf`. */
  propagation?: Propagation;
  /**
   * Candidates are split into this many contiguous shards, each rolled out with its own noise
   * stream split from the call's (default 1). Results depend on the shard count, never on where a
   * shard runs, so a plan is the same with or without worker threads.
   */
  shards?: number;
  /** Runs shards 1.. in other threads (shard 0 always runs here); absent: all run here, in turn. */
  runner?: ShardRunner;
}

/** One shard of an evaluation, as sent to another thread. */
export interface ShardJob {
  obs: Float32Array;
  /** `[population, horizon, actionDim]`. */
  actions: Float32Array;
  population: number;
  /** {@link FastNormal.state} of the shard's noise stream. */
  noise: [number, number, number, number];
}

/** Runs shards of evaluations elsewhere, synchronously from the caller's point of view. */
export interface ShardRunner {
  /** Shards it can run at once. */
  readonly capacity: number;
  /** Starts up to `capacity` jobs. */
  start(jobs: ShardJob[]): void;
  /** Blocks until the started jobs are done; their returns, in order. */
  wait(): Float32Array[];
}

/** One rollout's full trace, for reporting a plan's predictions. */
export interface RolloutTrace {
  /** `[rows, horizon + 1, obsDim]`. */
  observations: Float32Array;
  /** `[rows, horizon]`. */
  rewards: Float32Array;
}

/**
 * Scores `[population, horizon, actionDim]` sequences from one start observation; returns
 * `[population]` (a non-finite return becomes -Infinity: such a candidate is never chosen).
 */
export type EvaluateFn = (actions: Float32Array, population: number) => Float32Array;

/** Evaluates sequences from a start observation (see {@link EvaluateFn}). */
export interface TrajectoryEvaluator {
  readonly actionDim: number;
  readonly particles: number;
  /** Binds the start observation and the noise of one planning call. */
  from(obs: Float32Array, noise: FastNormal): EvaluateFn;
  /** Rolls out ONE sequence `[horizon, actionDim]` with every particle and returns the trace. */
  trace(obs: Float32Array, actions: Float32Array, noise: FastNormal): RolloutTrace;
}

/** Builds a {@link TrajectoryEvaluator}; throws a RangeError when no reward is available. */
export function trajectoryEvaluator(options: EvaluatorOptions): TrajectoryEvaluator {
  const { model } = options;
  const particles = options.particles ?? (model.members === 1 ? 1 : 20);
  const shards = options.shards ?? 1;
  if (!Number.isInteger(shards) || shards < 1)
    throw new RangeError(`shards must be a positive integer, got ${shards}`);
  const propagation = options.propagation ?? 'tsinf';
  if (!Number.isInteger(particles) || particles < 1)
    throw new RangeError(`particles must be a positive integer, got ${particles}`);
  if (!options.reward && !model.predictsReward) {
    throw new RangeError('no reward: give a reward function or a model that learns the reward');
  }
  const discount = options.discount ?? 1;
  if (!(discount > 0 && discount <= 1)) throw new RangeError(`discount must be in (0, 1], got ${discount}`);
  const d = model.obsDim;
  const a = model.actionDim;

  /** Rolls `rows` particles (`candidate(row)` picks each row's sequence) and sums their rewards. */
  const rollout = (
    start: Float32Array,
    actions: Float32Array,
    rows: number,
    horizon: number,
    candidate: (row: number) => number,
    noise: FastNormal,
    record?: RolloutTrace,
  ): Float64Array => {
    let obs: Float32Array = new Float32Array(rows * d);
    for (let r = 0; r < rows; r++) obs.set(start, r * d);
    if (record) for (let r = 0; r < rows; r++) record.observations.set(start, r * (horizon + 1) * d);
    const total = new Float64Array(rows);
    const done = new Uint8Array(rows);
    const act = new Float32Array(rows * a);
    let member = assignMembers(rows, model.members, propagation, noise, null);
    let weight = 1;
    for (let t = 0; t < horizon; t++) {
      for (let r = 0; r < rows; r++) {
        const from = (candidate(r) * horizon + t) * a;
        act.set(actions.subarray(from, from + a), r * a);
      }
      if (t > 0 && propagation === 'ts1')
        member = assignMembers(rows, model.members, propagation, noise, member);
      const out = model.step({ obs, action: act, n: rows, member, noise });
      const reward = options.reward ? options.reward(obs, act, out.next, rows) : out.reward!;
      const terminal = options.terminal ? options.terminal(out.next, rows) : out.terminal;
      for (let r = 0; r < rows; r++) {
        if (done[r]) continue;
        total[r]! += weight * reward[r]!;
        if (record) record.rewards[r * horizon + t] = reward[r]!;
        if (terminal?.[r]) done[r] = 1;
      }
      if (record) {
        for (let r = 0; r < rows; r++) {
          record.observations.set(out.next.subarray(r * d, (r + 1) * d), (r * (horizon + 1) + t + 1) * d);
        }
      }
      obs = out.next;
      weight *= discount;
    }
    if (options.terminalValue) {
      const value = options.terminalValue(obs, rows);
      for (let r = 0; r < rows; r++) if (!done[r]) total[r]! += weight * value[r]!;
    }
    return total;
  };

  /** Mean return over particles of each of `population` candidates. */
  const score = (obs: Float32Array, actions: Float32Array, population: number, noise: FastNormal) => {
    const horizon = actions.length / (population * a);
    const total = rollout(
      obs,
      actions,
      population * particles,
      horizon,
      (r) => Math.floor(r / particles),
      noise,
    );
    const returns = new Float32Array(population);
    for (let p = 0; p < population; p++) {
      let s = 0;
      for (let k = 0; k < particles; k++) s += total[p * particles + k]!;
      const mean = s / particles;
      returns[p] = Number.isFinite(mean) ? mean : Number.NEGATIVE_INFINITY;
    }
    return returns;
  };

  return {
    actionDim: a,
    particles,
    from(obs, noise) {
      if (obs.length !== d) throw new RangeError(`observation has ${obs.length} values, the model ${d}`);
      return (actions, population) => {
        const horizon = actions.length / (population * a);
        if (!Number.isInteger(horizon) || horizon < 1) {
          throw new RangeError(`${actions.length} action values are not [${population}, horizon, ${a}]`);
        }
        if (shards === 1) return score(obs, actions, population, noise);
        const len = horizon * a;
        const bounds = Array.from({ length: shards + 1 }, (_, s) => Math.floor((s * population) / shards));
        const jobs: ShardJob[] = [];
        for (let s = 0; s < shards; s++) {
          const [lo, hi] = [bounds[s]!, bounds[s + 1]!];
          jobs.push({
            obs,
            actions: actions.subarray(lo * len, hi * len),
            population: hi - lo,
            noise: noise.split().state(),
          });
        }
        const runner = options.runner;
        const remote = runner ? jobs.slice(1, 1 + runner.capacity).filter((j) => j.population > 0) : [];
        if (remote.length > 0) runner!.start(remote);
        const results = new Map<ShardJob, Float32Array>();
        for (const job of jobs) {
          if (remote.includes(job) || job.population === 0) continue;
          results.set(job, score(obs, job.actions, job.population, new FastNormal(job.noise)));
        }
        if (remote.length > 0) {
          runner!.wait().forEach((r, i) => {
            results.set(remote[i]!, r);
          });
        }
        const returns = new Float32Array(population);
        jobs.forEach((job, s) => {
          if (job.population > 0) returns.set(results.get(job)!, bounds[s]!);
        });
        return returns;
      };
    },
    trace(obs, actions, noise) {
      const horizon = actions.length / a;
      const record: RolloutTrace = {
        observations: new Float32Array(particles * (horizon + 1) * d),
        rewards: new Float32Array(particles * horizon),
      };
      rollout(obs, actions, particles, horizon, () => 0, noise, record);
      return record;
    },
  };
}

/**
 * Member of each row: balanced (every member gets rows/members rows, up to one) and shuffled, so
 * each member's matMul sees the same number of rows. Reuses `previous` when given.
 */
function assignMembers(
  rows: number,
  members: number,
  propagation: Propagation,
  noise: FastNormal,
  previous: Int32Array | null,
): Int32Array | null {
  if (propagation === 'expectation') return null;
  const member = previous ?? new Int32Array(rows);
  for (let r = 0; r < rows; r++) member[r] = r % members;
  for (let r = rows - 1; r > 0; r--) {
    const j = Math.floor(noise.random() * (r + 1));
    const t = member[r]!;
    member[r] = member[j]!;
    member[j] = t;
  }
  return member;
}
