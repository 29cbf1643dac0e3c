/**
 * A SAC version on the agent seam: `act` runs the actor, greedily (tanh of the mean, SB3's
 * `deterministic=True`) unless `explore` asks for a sample, whose noise is drawn from the call's
 * seed. No context: the policy is memoryless. The learner acts through the same code.
 * @module
 */
import type * as Tf from '@tensorflow/tfjs';
import { Generator } from '../../rng/generator.ts';
import { loadTf, type TfModule } from '../../tensor/backend.ts';
import type { ActOptions, AgentPolicy, PolicyAnswer } from '../family.ts';
import { artifactBytes, type LoadedVersion } from '../versions.ts';
import { loadSacNetworks } from './artifacts.ts';
import { actorMode, actorSample, disposeSacNetworks, type SacNetworks } from './networks.ts';
import { ActionScale, type SacRecord, sacShape } from './record.ts';
import { normalNoise } from './update.ts';

/** The actor's action for one observation, in env units (see the module doc). */
export function actorAction(
  tf: TfModule,
  net: SacNetworks,
  scale: ActionScale,
  observation: Float32Array,
  noise: Float32Array | undefined,
): Float32Array {
  const unit = tf.tidy(() => {
    const obs = tf.tensor2d(observation, [1, net.shape.obsDim]);
    const a: Tf.Tensor2D = noise
      ? actorSample(tf, net, obs, tf.tensor2d(noise, [1, net.shape.actionDim])).action
      : actorMode(tf, net, obs);
    return a;
  });
  const values = unit.dataSync() as Float32Array;
  unit.dispose();
  return scale.fromUnit(values);
}

/** See the module doc. Owns the networks. */
export class SacAgentPolicy implements AgentPolicy {
  readonly #scale: ActionScale;

  private constructor(
    readonly version: number,
    readonly tf: TfModule,
    readonly net: SacNetworks,
    record: SacRecord,
  ) {
    this.#scale = new ActionScale(record.action_space);
  }

  /** The policy of a loaded version. Throws ParamsFormatError for artifacts that do not fit. */
  static async build(record: SacRecord, loaded: LoadedVersion): Promise<SacAgentPolicy> {
    const tf = await loadTf();
    return new SacAgentPolicy(
      loaded.version,
      tf,
      loadSacNetworks(tf, sacShape(record), artifactBytes(loaded)),
      record,
    );
  }

  act(observation: Float32Array, options: ActOptions): PolicyAnswer {
    const noise = options.explore
      ? normalNoise(Generator.fromSeed(options.seed), 1, this.net.shape.actionDim)
      : undefined;
    return { action: actorAction(this.tf, this.net, this.#scale, observation, noise) };
  }

  async dispose(): Promise<void> {
    disposeSacNetworks(this.net);
  }
}
