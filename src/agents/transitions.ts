/**
 * Where agents find their transitions: the experience layer's segments and reader (src/experience),
 * re-exported under the names agents code has always used.
 * @module
 */
export { concatTransitions } from '../experience/concat.ts';
export { TransitionReader, transitionStream } from '../experience/reader.ts';
export { decodeSegment, encodeSegment } from '../experience/segments.ts';
