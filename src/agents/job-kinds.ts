/**
 * The job kinds this server runs: kind -> URL of the module whose `run(ctx)` runs it in a worker
 * thread (see src/jobs). Handlers read `ctx.environment.data_dir` (the server's data directory).
 * @module
 */
export const jobHandlerModules: Record<string, URL> = {
  'agent-train': new URL('./jobs/train-job.ts', import.meta.url),
  'agent-learn': new URL('./jobs/learn-job.ts', import.meta.url),
  'agent-evaluate': new URL('./jobs/evaluate-job.ts', import.meta.url),
};
