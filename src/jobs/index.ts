/**
 * The job system: persisted jobs run in worker threads by a lease-holding runner.
 * @module
 */
export { type AbortReason, JobAbortedError, UnknownJobKindError } from './errors.ts';
export { isJobId } from './ids.ts';
export { JobRunner, type JobRunnerOptions, type ListJobsOptions } from './runner.ts';
export * from './types.ts';
