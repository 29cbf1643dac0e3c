/**
 * `learn` in process: an agent service on a store under a data dir (the layout a server uses, so
 * `MODELGYM_DATA_DIR=<dir> npm start` serves the agent afterwards), the agent family's learn job
 * handler called directly (its events drive the display), then evaluation episodes with the final
 * version.
 * @module
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { evaluateAgent } from '../agents/evaluation.ts';
import { familyOf } from '../agents/families.ts';
import { jobHandlerModules } from '../agents/job-kinds.ts';
import type { AgentRecord } from '../agents/record.ts';
import { AgentService, type CreateAgent } from '../agents/service.ts';
import { loadVersion } from '../agents/versions.ts';
import type { EnvDefinition } from '../envs/env.ts';
import { registryFor } from '../envs/env-ref.ts';
import { agentLimits, loadSpec, specOperations } from '../http/spec.ts';
import { assertValid, compileValidators } from '../http/validation.ts';
import { JobRunner } from '../jobs/index.ts';
import type { JobContext } from '../jobs/types.ts';
import { loadKeyring } from '../state/keyring.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../store/store.ts';
import { initTensorBackend } from '../tensor/backend.ts';
import type { LearnOptions } from './args.ts';
import { describeAgent, type LearnEvents, learnJobParams, learnJobSink } from './learn-events.ts';
import type { EpisodeRow, EvaluationReport, LearnReport } from './report.ts';

/** The create request, checked against the spec's schema as the server would check it. */
function createRequest(options: LearnOptions, spec: ReturnType<typeof loadSpec>): CreateAgent {
  const body = {
    type: options.agent,
    env_id: options.env,
    ...(options.preset !== undefined ? { preset: options.preset } : {}),
    ...(options.config !== undefined ? { config: options.config } : {}),
  } as CreateAgent;
  const op = specOperations(spec).filter((o) => o.operationId === 'createAgent');
  assertValid(compileValidators(spec, op).get('createAgent')?.body, body, '/body');
  return body;
}

/** Evaluation episodes (seeds 0..n-1) with the agent's latest version. */
async function evaluate(
  store: Store,
  def: EnvDefinition,
  record: AgentRecord,
  episodes: number,
  events: LearnEvents,
  signal: AbortSignal,
): Promise<EvaluationReport | undefined> {
  const loaded = await loadVersion(store, record.id);
  if (!loaded) {
    events.onInfo('no evaluation: the run stored no version');
    return undefined;
  }
  const started = performance.now();
  const policy = await familyOf(record.type).load(record, loaded);
  try {
    // The evaluate job's episodes: the same numbers for the same version and seeds.
    const seeds = Array.from({ length: episodes }, (_, i) => i);
    const result = evaluateAgent(def, record, policy, {
      seeds,
      onStep: () => signal.throwIfAborted(),
      onEpisode: (e) => events.onEvalEpisode(e.seed, episodes, e.return),
    });
    return {
      version: result.version,
      seeds,
      returns: result.returns,
      lengths: result.episodes.map((e) => e.length),
      mean: result.mean,
      std: result.std,
      wallMs: performance.now() - started,
    };
  } finally {
    await policy.dispose();
  }
}

/** Runs `learn` in this process; see the module doc. */
export async function learnInProcess(
  options: LearnOptions,
  events: LearnEvents,
  signal: AbortSignal,
): Promise<LearnReport> {
  const spec = loadSpec();
  const body = createRequest(options, spec);
  const registry = await registryFor([options.env]);
  const def = registry.get(options.env);
  const dataDir = resolve(options.dataDir ?? (await mkdtemp(join(tmpdir(), 'modelgym-learn-'))));
  await initTensorBackend();
  const store = openStore(dataDir);
  const service = new AgentService({
    store,
    registry,
    keyring: await loadKeyring({ secret: process.env.MODELGYM_SECRET, dataDir }),
    // Never started: the loop runs here, not as a job.
    jobs: new JobRunner({
      rootDir: join(dataDir, 'jobs'),
      handlers: jobHandlerModules,
      environment: { data_dir: dataDir },
    }),
    limits: agentLimits(spec),
  });
  try {
    const { agent } = await service.create(body).catch(async (err) => {
      // Refused (a preset or setting the agent cannot have): leave no empty temp dir behind.
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
      throw err;
    });
    const { record } = await service.record(agent.id);
    events.onInfo(`in process; agent ${agent.id} (${describeAgent(agent as never)}) stored in ${dataDir}`);
    const started = performance.now();
    // The family's own learn job, run here: the same code and events as on a server.
    const family = familyOf(record.type);
    const episodes: EpisodeRow[] = [];
    const sink = learnJobSink({
      ...events,
      onEpisode: (row) => {
        episodes.push(row);
        events.onEpisode(row);
      },
    });
    const ctx: JobContext = {
      job_id: `learn-${agent.id}`,
      params: {},
      environment: { data_dir: dataDir },
      signal,
      progress: (data) => {
        signal.throwIfAborted();
        sink.progress(data);
      },
      log: (message, data) => sink.log(message, data as Record<string, unknown> | undefined),
      // Nothing resumes an in-process run: its checkpoints need not be kept.
      saveCheckpoint: async () => {},
    };
    const result = (await family.jobs.learn!(
      ctx,
      { store, reader: service.reader, record, params: learnJobParams(options) },
      family,
    )) as { steps: number; version: number };
    const wallMs = performance.now() - started;
    events.onLearnEnd();
    const evaluation =
      options.evalEpisodes > 0
        ? await evaluate(store, def, record, options.evalEpisodes, events, signal)
        : undefined;
    return {
      mode: 'in-process',
      env: options.env,
      agentId: agent.id,
      agent: agent.type,
      preset: agent.preset,
      dataDir,
      steps: result.steps,
      version: result.version,
      episodes,
      wallMs,
      ...(evaluation ? { evaluation } : {}),
    };
  } finally {
    await service.close();
  }
}
