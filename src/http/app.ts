import { Hono } from 'hono';
import type { Logger } from 'pino';
import { AGENT_FAMILIES } from '../agents/families.ts';
import type { AgentService } from '../agents/service.ts';
import type { EnvRegistry } from '../envs/registry.ts';
import type { JobRunner } from '../jobs/index.ts';
import type { Keyring } from '../state/keyring.ts';
import type { AppEnv } from './app-env.ts';
import { problemFormat } from './codec.ts';
import { errorHandler } from './error-handler.ts';
import { graderCheck } from './grader.ts';
import type { Metrics } from './metrics.ts';
import { requestContext } from './middleware/request-context.ts';
import { type OperationHandler, operationHandler } from './operation.ts';
import { ApiError } from './problems.ts';
import { agentHandlers, externalEnvHandlers } from './routes/agents.ts';
import { envHandlers } from './routes/envs.ts';
import { jobHandlers } from './routes/jobs.ts';
import { opsHandlers, type TensorBackendProbe } from './routes/ops.ts';
import { renderHandlers } from './routes/render.ts';
import { replayHandlers } from './routes/replay.ts';
import { taskHandlers } from './routes/tasks.ts';
import { vectorHandlers } from './routes/vector.ts';
import { inlineRefs, loadSpec, loadSpecText, type SpecOperation, specOperations } from './spec.ts';
import { compileValidators } from './validation.ts';

/** What the app is built from; everything stateful is passed in, so tests build apps freely. */
export interface AppDeps {
  registry: EnvRegistry;
  keyring: Keyring;
  logger: Logger;
  metrics: Metrics;
  version: string;
  /** Runs and serves jobs (the server starts and stops it; the app only calls it). */
  jobs: JobRunner;
  /** Agents and external envs. */
  agents: AgentService;
  /** Aborted at shutdown: open event streams end, so that closing the server does not wait on them. */
  shutdown?: AbortSignal;
  /** Reports the tensor backend for `/v1/health`. */
  tensorBackend?: TensorBackendProbe;
  /** Overrides the spec's `x-limits.max_body_bytes`. */
  maxBodyBytes?: number;
  /** Overrides the spec's `x-limits.max_event_streams`. */
  maxEventStreams?: number;
  /** The grader key (`MODELGYM_GRADER_KEY`): requests carrying it may see hidden tasks. */
  graderKey?: string;
}

/**
 * Builds the Hono app from the spec: every operation in `openapi/openapi.yaml` is served by
 * the handler of the same operationId, wrapped with negotiation, limits and validation. A
 * handler without an operation, or an operation without a handler, fails at start-up.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const specText = loadSpecText();
  const doc = loadSpec(specText);
  const ops = specOperations(doc);
  const validators = compileValidators(doc, ops);
  const isGrader = graderCheck(deps.graderKey);
  const handlers: Record<string, OperationHandler> = {
    ...envHandlers({ ...deps, isGrader }),
    ...vectorHandlers({
      ...deps,
      isGrader,
      maxTokenLength: (doc.components.schemas.StateToken as { maxLength: number }).maxLength,
    }),
    ...replayHandlers({ ...deps, isGrader, maxActions: doc['x-limits'].max_replay_actions }),
    ...renderHandlers({ ...deps, isGrader }),
    ...taskHandlers(deps),
    ...jobHandlers({ ...deps, maxEventStreams: deps.maxEventStreams ?? doc['x-limits'].max_event_streams }),
    ...agentHandlers({
      agents: deps.agents,
      configSchemas: Object.fromEntries(
        AGENT_FAMILIES.map((f) => {
          const schema = doc.components.schemas[f.configSchema];
          if (!schema) throw new Error(`agent type ${f.type}: the spec has no schema ${f.configSchema}`);
          return [f.type, inlineRefs(doc, schema)];
        }),
      ),
    }),
    ...externalEnvHandlers(deps),
    ...opsHandlers({
      metrics: deps.metrics,
      specText,
      version: deps.version,
      envCount: deps.registry.size,
      keyId: deps.keyring.current.id,
      tensorBackend: deps.tensorBackend,
    }),
  };
  const missing = ops.filter((op) => !handlers[op.operationId]).map((op) => op.operationId);
  const extra = Object.keys(handlers).filter((id) => !ops.some((op) => op.operationId === id));
  if (missing.length || extra.length) {
    throw new Error(
      `spec and handlers disagree: missing handlers [${missing}], handlers without operation [${extra}]`,
    );
  }
  const maxBodyBytes = deps.maxBodyBytes ?? doc['x-limits'].max_body_bytes;
  const decodeLimits = { maxDepth: doc['x-limits'].max_body_depth, maxItems: doc['x-limits'].max_body_items };

  const app = new Hono<AppEnv>();
  app.use(requestContext({ logger: deps.logger, metrics: deps.metrics }));
  for (const op of ops) {
    const handle = (pathParams?: Parameters<typeof operationHandler>[5]) =>
      operationHandler(
        op,
        validators.get(op.operationId)!,
        handlers[op.operationId]!,
        maxBodyBytes,
        decodeLimits,
        pathParams,
      );
    app.on(op.method.toUpperCase(), op.honoPath, handle());
    // A namespaced env id also works unencoded (`/v1/envs/goal/BitFlip-v0/step`, as clients
    // build paths from Gymnasium ids): its two segments are one `env_id`.
    if (op.honoPath.includes(':env_id')) {
      app.on(
        op.method.toUpperCase(),
        op.honoPath.replace(':env_id', NAMESPACED_ENV_ID),
        handle((c) => {
          const { env_ns, env_name, ...rest } = c.req.param() as Record<string, string>;
          return { ...rest, env_id: `${env_ns}/${env_name}` };
        }),
      );
    }
  }
  app.notFound((c) => {
    // No operation negotiated a format: the problem gets the one Accept (or Content-Type) asks for.
    c.set('format', problemFormat(c.req.header('accept'), c.req.header('content-type')));
    const allowed = allowedMethods(ops, c.req.path);
    if (allowed.length > 0) {
      c.header('Allow', allowed.join(', '));
      throw new ApiError(
        'method-not-allowed',
        `${c.req.method} is not allowed here; use ${allowed.join(' or ')}`,
      );
    }
    throw new ApiError('not-found', `no route ${c.req.method} ${c.req.path}`);
  });
  app.onError(errorHandler(deps.logger));
  return app;
}

/**
 * The two path segments of an unencoded namespaced env id: a namespace, then a versioned name
 * (so `/v1/envs/CartPole-v1/vector/reset` is never read as namespace `CartPole-v1`).
 */
export const NAMESPACED_ENV_ID = ':env_ns{[\\w:.-]+}/:env_name{[\\w:.-]+-v\\d+}';

function allowedMethods(ops: SpecOperation[], path: string): string[] {
  return ops
    .filter((op) =>
      new RegExp(
        `^${op.path.replace('{env_id}', '[^/]+(?:/[^/]+-v\\d+)?').replace(/\{\w+\}/g, '[^/]+')}$`,
      ).test(path),
    )
    .map((op) => op.method.toUpperCase());
}
