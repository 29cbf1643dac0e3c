/**
 * TypeScript client of modelgym: a typed openapi-fetch client ({@link createModelgymClient}),
 * errors as values or as exceptions ({@link unwrap}, {@link ModelgymError}), and Gymnasium-style
 * {@link RemoteEnv} / {@link RemoteVectorEnv}.
 * @packageDocumentation
 */
export {
  type ApiMediaType,
  createModelgymClient,
  defaultBaseUrl,
  type ModelgymClient,
  type ModelgymClientOptions,
} from './client.ts';
export {
  InternalError,
  InvalidActionError,
  InvalidArgumentError,
  InvalidStateError,
  MalformedBodyError,
  MethodNotAllowedError,
  ModelgymError,
  NotAcceptableError,
  NotFoundError,
  PayloadTooLargeError,
  type Problem,
  type ProblemFieldError,
  type ProblemType,
  ResetNeededError,
  toModelgymError,
  UnknownEnvError,
  UnsupportedMediaTypeError,
  unwrap,
  ValidationError,
} from './errors.ts';
export {
  type EnvSpec,
  type Frame,
  type Info,
  type MakeOptions,
  RemoteEnv,
  type ResetOptions,
  type ResetResult,
  type StepResult,
} from './remote-env.ts';
export {
  type AutoresetMode,
  RemoteVectorEnv,
  type VectorAction,
  type VectorMakeOptions,
  type VectorObservation,
  type VectorResetOptions,
  type VectorResetResult,
  type VectorStepResult,
} from './remote-vector-env.ts';
export { type Action, decodeSpace, type Observation, type Space, type SpaceDescription } from './spaces.ts';
export {
  type DType,
  decodeTensor,
  encodeTensor,
  type NDArray,
  type Tensor,
  type TypedArray,
} from './tensor.ts';
export type { WireFormat } from './wire.ts';
