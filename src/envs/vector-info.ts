/**
 * Gymnasium's vector info layout: each key maps to an array over sub-envs, with a boolean
 * mask `_key` beside it saying which sub-envs reported the key. Numbers default to 0, booleans
 * to false, anything else to null (numpy's zeros or object arrays of None). Nested dicts
 * become nested vector infos.
 */
export type VectorInfo = Record<string, unknown>;

function defaultFor(value: unknown): unknown {
  if (typeof value === 'number') return 0;
  if (typeof value === 'boolean') return false;
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/** Adds sub-env `index`'s info into the vector info `into` (mutated and returned), as Gymnasium's `_add_info`. */
export function addInfo(
  into: VectorInfo,
  info: Record<string, unknown>,
  index: number,
  numEnvs: number,
): VectorInfo {
  for (const [key, value] of Object.entries(info)) {
    if (isPlainObject(value)) {
      into[key] = addInfo((into[key] as VectorInfo | undefined) ?? {}, value, index, numEnvs);
    } else {
      if (!Array.isArray(into[key])) into[key] = new Array(numEnvs).fill(defaultFor(value));
      (into[key] as unknown[])[index] = value;
    }
    const maskKey = `_${key}`;
    if (!Array.isArray(into[maskKey])) into[maskKey] = new Array(numEnvs).fill(false);
    (into[maskKey] as boolean[])[index] = true;
  }
  return into;
}
