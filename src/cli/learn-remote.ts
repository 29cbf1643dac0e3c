/**
 * `learn --url`: the same run through a server. Creates the agent (`POST /v1/agents`), starts
 * the learn job (`POST .../learn`) and follows its events: `progress` moves the bar, `log`
 * events `episode` and `refit` carry the learning curve and the model versions. Then, when asked,
 * an evaluate job. Interrupted, it cancels the job it started.
 * @module
 */
import type { LearnOptions } from './args.ts';
import { ApiClient } from './http-client.ts';
import { followJob, type JobEventData } from './job-follow.ts';
import { describeAgent, type LearnEvents, learnJobParams, learnJobSink } from './learn-events.ts';
import type { EpisodeRow, EvaluationReport, LearnReport } from './report.ts';

/** A job that ended other than `succeeded`. */
export class JobFailedError extends Error {
  override readonly name = 'JobFailedError';
}

interface AgentBody {
  id: string;
  type: string;
  preset: string;
  version: number;
  config: { planner?: { type: string } };
}

/** Runs a job to its end (cancelling it when interrupted); returns its result and wall-clock. */
async function runJob(
  client: ApiClient,
  path: string,
  body: unknown,
  what: string,
  onEvent: (event: JobEventData) => void,
): Promise<{ id: string; result: unknown; wallMs: number }> {
  const job = await client.json<{ id: string }>('POST', path, body);
  const submitted = performance.now();
  let started: string | undefined;
  let terminal: JobEventData;
  try {
    terminal = await followJob(client, job.id, (event) => {
      if (event.type === 'started' && started === undefined) started = event.time;
      onEvent(event);
    });
  } catch (err) {
    if (client.signal?.aborted) {
      // Best effort: the job stops at its next check.
      await fetch(`${client.baseUrl}/v1/jobs/${job.id}`, { method: 'DELETE' }).catch(() => {});
    }
    throw err;
  }
  const data = (terminal.data ?? {}) as { result?: unknown; message?: string };
  if (terminal.type !== 'succeeded') {
    throw new JobFailedError(
      `${what} job ${job.id} ${terminal.type}${data.message ? `: ${data.message}` : ''}`,
    );
  }
  // The server's clock, from start to end; ours (from submission) when the start went unseen.
  const serverMs = started === undefined ? Number.NaN : Date.parse(terminal.time) - Date.parse(started);
  return {
    id: job.id,
    result: data.result,
    wallMs: Number.isFinite(serverMs) ? serverMs : performance.now() - submitted,
  };
}

/** Runs `learn` through the server at `options.url`; see the module doc. */
export async function learnOnServer(
  options: LearnOptions,
  events: LearnEvents,
  signal: AbortSignal,
): Promise<LearnReport> {
  const client = new ApiClient(options.url!, signal);
  const agent = await client.json<AgentBody>('POST', '/v1/agents', {
    type: options.agent,
    env_id: options.env,
    ...(options.preset !== undefined ? { preset: options.preset } : {}),
    ...(options.config !== undefined ? { config: options.config } : {}),
  });
  events.onInfo(`server ${client.baseUrl}; agent ${agent.id} (${describeAgent(agent)})`);
  // By index: a job resumed after a server restart repeats the episodes since its checkpoint.
  const episodes = new Map<number, EpisodeRow>();
  const sink = learnJobSink({
    ...events,
    onEpisode: (row) => {
      episodes.set(row.index, row);
      events.onEpisode(row);
    },
  });
  const learn = await runJob(
    client,
    `/v1/agents/${agent.id}/learn`,
    learnJobParams(options),
    'learn',
    (event) => {
      const data = event.data as { done?: number; message?: string; data?: Record<string, unknown> };
      if (event.type === 'progress') sink.progress(data);
      else if (event.type === 'log' && typeof data.message === 'string') sink.log(data.message, data.data);
    },
  );
  events.onLearnEnd();
  const result = learn.result as { steps: number; version: number };
  let evaluation: EvaluationReport | undefined;
  if (options.evalEpisodes > 0 && result.version === 0) {
    events.onInfo('no evaluation: the run stored no version');
  } else if (options.evalEpisodes > 0) {
    const ev = await runJob(
      client,
      `/v1/agents/${agent.id}/evaluate`,
      { episodes: options.evalEpisodes },
      'evaluate',
      (event) => {
        const data = event.data as { done?: number; total?: number; return?: number };
        if (event.type === 'progress' && typeof data.done === 'number' && typeof data.return === 'number')
          events.onEvalEpisode(data.done - 1, data.total ?? options.evalEpisodes, data.return);
      },
    );
    const r = ev.result as {
      version: number;
      episodes: Array<{ seed: number; return: number; length: number }>;
      returns: number[];
      mean: number;
      std: number;
    };
    evaluation = {
      version: r.version,
      seeds: r.episodes.map((e) => e.seed),
      returns: r.returns,
      lengths: r.episodes.map((e) => e.length),
      mean: r.mean,
      std: r.std,
      wallMs: ev.wallMs,
    };
  }
  return {
    mode: 'server',
    env: options.env,
    agentId: agent.id,
    agent: agent.type,
    preset: agent.preset,
    url: client.baseUrl,
    jobId: learn.id,
    steps: result.steps,
    version: result.version,
    episodes: [...episodes.values()].sort((a, b) => a.index - b.index),
    wallMs: learn.wallMs,
    ...(evaluation ? { evaluation } : {}),
  };
}
