/**
 * What a SAC version holds, written and read in one place: `actor` (the actor MLP), `critics`
 * (both critics and their targets), `entropy` (log alpha) and `optimizers` (the three Adam states,
 * moments included), each in the params-io layout. Reading checks every tensor's name and shape
 * against the agent's config, so an imported or corrupted version is refused before use.
 * @module
 */
import type * as Tf from '@tensorflow/tfjs';
import { type AdamManifest, decodeAdamState, encodeAdamState } from '../../models/adam.ts';
import { type DenseParams, type MlpParams, mlpTensors } from '../../models/mlp.ts';
import {
  decodeArrays,
  type ExpectedTensor,
  encodeTensors,
  ParamsFormatError,
  type ParamsManifest,
} from '../../models/params-io.ts';
import type { TfModule } from '../../tensor/backend.ts';
import { AgentArgumentError } from '../errors.ts';
import type { ArtifactBytes } from '../versions.ts';
import { type SacNetworks, type SacShape, sacLayerWidths } from './networks.ts';
import type { SacOptimizers } from './update.ts';

/** The artifact names of a SAC version. */
export const SAC_ARTIFACTS = ['actor', 'critics', 'entropy', 'optimizers'] as const;

const OPTIMIZERS = ['actor', 'critic', 'entropy'] as const;

/** `optimizers`' manifest: each Adam state's manifest and where its bytes start. */
interface OptimizersManifest {
  parts: Record<(typeof OPTIMIZERS)[number], { offset: number; manifest: AdamManifest }>;
}

const prefixed = (prefix: string, p: MlpParams): Array<[string, Tf.Tensor]> =>
  mlpTensors(p).map(([name, t]) => [`${prefix}/${name}`, t]);

function expectedLayers(prefix: string, widths: ReadonlyArray<readonly [number, number]>): ExpectedTensor[] {
  return widths.flatMap(([fanIn, fanOut], l) => [
    { name: `${prefix}/layers/${l}/w`, shape: [fanIn, fanOut] },
    { name: `${prefix}/layers/${l}/b`, shape: [fanOut] },
  ]);
}

/** The version artifacts of the networks and optimisers; `meta` goes on `actor`. */
export async function sacArtifacts(
  net: SacNetworks,
  opt: SacOptimizers,
  meta: Record<string, unknown>,
): Promise<Record<string, ArtifactBytes>> {
  const actor = await encodeTensors(prefixed('actor', net.actor));
  const critics = await encodeTensors([
    ...prefixed('q/0', net.critics[0]),
    ...prefixed('q/1', net.critics[1]),
    ...prefixed('target/0', net.targets[0]),
    ...prefixed('target/1', net.targets[1]),
  ]);
  const entropy = await encodeTensors([['log_alpha', net.logAlpha]]);
  const parts = {} as OptimizersManifest['parts'];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const name of OPTIMIZERS) {
    const encoded = encodeAdamState(await opt[name].state());
    parts[name] = { offset, manifest: encoded.manifest };
    chunks.push(encoded.bytes);
    offset += encoded.bytes.byteLength;
  }
  const bytes = new Uint8Array(offset);
  for (const name of OPTIMIZERS) bytes.set(chunks.shift()!, parts[name].offset);
  const alpha = Math.exp((await net.logAlpha.data())[0]!);
  return {
    actor: { manifest: actor.manifest, bytes: actor.bytes, meta },
    critics: { manifest: critics.manifest, bytes: critics.bytes },
    entropy: { manifest: entropy.manifest, bytes: entropy.bytes, meta: { ent_coef: alpha } },
    optimizers: { manifest: { parts }, bytes },
  };
}

/** The decoded values of a version's networks (no tensors yet). Throws ParamsFormatError. */
function decodeNetworks(shape: SacShape, a: Readonly<Record<string, ArtifactBytes>>) {
  const widths = sacLayerWidths(shape);
  const need = (name: string) => a[name] ?? fail(`the version has no ${name}`);
  const actor = decodeArrays(
    need('actor').manifest as ParamsManifest,
    need('actor').bytes,
    expectedLayers('actor', widths.actor),
  );
  const critics = decodeArrays(need('critics').manifest as ParamsManifest, need('critics').bytes, [
    ...expectedLayers('q/0', widths.critic),
    ...expectedLayers('q/1', widths.critic),
    ...expectedLayers('target/0', widths.critic),
    ...expectedLayers('target/1', widths.critic),
  ]);
  const entropy = decodeArrays(need('entropy').manifest as ParamsManifest, need('entropy').bytes, [
    { name: 'log_alpha', shape: [] },
  ]);
  for (const m of [actor, critics, entropy])
    for (const { name, values } of m.values())
      if (!values.every(Number.isFinite)) fail(`${name} holds a non-finite value`);
  return { widths, actor, critics, entropy };
}

function fail(message: string): never {
  throw new ParamsFormatError(message);
}

/** The networks of a version as variables (critics and actor trainable). Throws ParamsFormatError. */
export function loadSacNetworks(
  tf: TfModule,
  shape: SacShape,
  artifacts: Readonly<Record<string, ArtifactBytes>>,
): SacNetworks {
  const d = decodeNetworks(shape, artifacts);
  const mlp = (
    map: Map<string, { values: Float32Array; shape: number[] }>,
    prefix: string,
    layers: number,
    trainable: boolean,
  ): MlpParams => ({
    layers: Array.from({ length: layers }, (_, l): DenseParams => {
      const w = map.get(`${prefix}/layers/${l}/w`)!;
      const b = map.get(`${prefix}/layers/${l}/b`)!;
      return {
        w: tf.tidy(() => tf.variable(tf.tensor2d(w.values, w.shape as [number, number]), trainable)),
        b: tf.tidy(() => tf.variable(tf.tensor1d(b.values), trainable)),
      };
    }),
  });
  const a = d.widths.actor.length;
  const c = d.widths.critic.length;
  return {
    shape,
    actor: mlp(d.actor, 'actor', a, true),
    critics: [mlp(d.critics, 'q/0', c, true), mlp(d.critics, 'q/1', c, true)],
    targets: [mlp(d.critics, 'target/0', c, false), mlp(d.critics, 'target/1', c, false)],
    logAlpha: tf.tidy(() =>
      tf.variable(tf.scalar(d.entropy.get('log_alpha')!.values[0]!), true),
    ) as Tf.Variable<Tf.Rank.R0>,
  };
}

/** Restores the three Adam states of a version into `opt`. Throws ParamsFormatError. */
export function restoreSacOptimizers(opt: SacOptimizers, artifact: ArtifactBytes | undefined): void {
  const states = decodeOptimizers(artifact);
  for (const name of OPTIMIZERS) opt[name].restore(states[name]);
}

function decodeOptimizers(artifact: ArtifactBytes | undefined) {
  if (!artifact) fail('the version has no optimizers');
  const parts = (artifact.manifest as OptimizersManifest | null)?.parts;
  if (parts === null || typeof parts !== 'object') fail('optimizers.manifest.parts must be an object');
  const out = {} as Record<(typeof OPTIMIZERS)[number], ReturnType<typeof decodeAdamState>>;
  for (const name of OPTIMIZERS) {
    const part = parts[name] ?? fail(`optimizers.manifest.parts lacks ${name}`);
    const start = part.offset;
    const length = part.manifest?.byteLength;
    if (
      !Number.isSafeInteger(start) ||
      start < 0 ||
      !Number.isSafeInteger(length) ||
      start + length > artifact.bytes.byteLength
    )
      fail(`optimizers.${name}: byte range out of bounds`);
    out[name] = decodeAdamState(part.manifest, artifact.bytes.subarray(start, start + length));
  }
  return out;
}

/**
 * Checks an imported version's artifacts against the agent's shape (every tensor, the optimiser
 * states' moments matching the parameters they belong to); AgentArgumentError naming the part.
 * A family that stores more (MBPO) names itself and its own artifacts, which it checks.
 */
export function checkSacArtifacts(
  shape: SacShape,
  artifacts: Readonly<Record<string, ArtifactBytes>>,
  family: { name: string; others: readonly string[] } = { name: 'SAC', others: [] },
): void {
  const allowed = [...SAC_ARTIFACTS, ...family.others];
  for (const name of Object.keys(artifacts))
    if (!allowed.includes(name))
      throw new AgentArgumentError(
        `version.artifacts.${name}`,
        `${family.name} versions hold only ${allowed.join(', ')}`,
      );
  let d: ReturnType<typeof decodeNetworks>;
  try {
    d = decodeNetworks(shape, artifacts);
  } catch (err) {
    throw new AgentArgumentError('version.artifacts', (err as Error).message);
  }
  let states: ReturnType<typeof decodeOptimizers>;
  try {
    states = decodeOptimizers(artifacts.optimizers);
  } catch (err) {
    throw new AgentArgumentError('version.artifacts.optimizers', (err as Error).message);
  }
  const shapes = {
    actor: [...d.actor.values()].map((t) => t.shape),
    critic: [...d.critics.values()].slice(0, 4 * d.widths.critic.length).map((t) => t.shape),
    entropy: [[]],
  };
  for (const name of OPTIMIZERS) {
    const m = states[name].m;
    // Before the first update an optimiser holds no moments.
    if (m.length === 0) continue;
    const want = shapes[name];
    if (m.length !== want.length || m.some((a, i) => JSON.stringify(a.shape) !== JSON.stringify(want[i])))
      throw new AgentArgumentError(
        `version.artifacts.optimizers.${name}`,
        "the moments do not fit the agent's networks",
      );
  }
}
