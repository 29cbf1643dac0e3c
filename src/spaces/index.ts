/**
 * Gymnasium-compatible spaces: Box, Discrete, MultiBinary, MultiDiscrete, Dict and Tuple,
 * plus {@link spaceFromDescription} to rebuild any of them from `describe()` output.
 */

export { Box, type BoxBound } from './box.ts';
export { compareCodePoints, Dict, type DictValue, isSpace, type SpaceValueOf } from './dict.ts';
export { Discrete } from './discrete.ts';
export { type ArrayFor, DTYPES, isDType } from './dtype.ts';
export { MAX_DESCRIBED_ELEMENTS, MAX_DESCRIPTION_DEPTH, spaceFromDescription } from './from-description.ts';
export { MultiBinary } from './multi-binary.ts';
export { MultiDiscrete } from './multi-discrete.ts';
export type { DType, NumericArray, Space, SpaceDescription, SpaceValue } from './space.ts';
export { SpaceValueError } from './space.ts';
export { Tuple, type TupleValue } from './tuple.ts';
