/**
 * Agent routes: thin adapters between the wire (decoded, spec-validated bodies; arrays as nested
 * numbers or tensors) and the agents service. Errors are thrown as the lower layers' errors and
 * mapped to problems in one place (error-handler.ts).
 * @module
 */
import type { Context } from 'hono';
import { AgentArgumentError } from '../../agents/errors.ts';
import type { AgentService } from '../../agents/service.ts';
import type { NumArray } from '../../agents/transition-batch.ts';
import type { components } from '../../generated/openapi.ts';
import type { AppEnv } from '../app-env.ts';
import { reply } from '../codec.ts';
import type { OperationHandler } from '../operation.ts';
import { decodeTensor, type TensorDType } from '../tensor.ts';
import { toJob } from './jobs.ts';

type Schemas = components['schemas'];

/** A numeric array from nested arrays (rectangular) or a tensor; JSON's "nan"/"inf" strings become non-finite. */
export function numArray(value: unknown, field: string): NumArray {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'dtype' in value) {
    try {
      const t = decodeTensor(value as { dtype: TensorDType; shape: number[]; data: unknown });
      return { values: Float32Array.from(t.values), shape: t.shape };
    } catch (err) {
      throw new AgentArgumentError(field, (err as Error).message);
    }
  }
  const shape: number[] = [];
  for (let v: unknown = value; Array.isArray(v); v = v[0]) shape.push(v.length);
  const flat: number[] = [];
  const walk = (v: unknown, depth: number, path: string) => {
    if (depth === shape.length) {
      const x =
        typeof v === 'number'
          ? v
          : v === 'nan'
            ? Number.NaN
            : v === 'inf'
              ? Infinity
              : v === '-inf'
                ? -Infinity
                : v === true
                  ? 1
                  : v === false
                    ? 0
                    : undefined;
      if (x === undefined) throw new AgentArgumentError(path, 'must be a number');
      flat.push(x);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth])
      throw new AgentArgumentError(path, `rows must all have ${shape[depth]} entries`);
    v.forEach((x, i) => {
      walk(x, depth + 1, `${path}.${i}`);
    });
  };
  walk(value, 0, field);
  return { values: Float32Array.from(flat), shape };
}

/** `limit` (default 100; the spec's pattern keeps it in 1..1000) and `after` of a listing. */
function pageOptions(query: Record<string, string>): { limit: number; after?: string } {
  return {
    limit: query.limit === undefined ? 100 : Number(query.limit),
    ...(query.after !== undefined ? { after: query.after } : {}),
  };
}

function ifMatch(c: Context<AppEnv>): string | undefined {
  return c.req.header('if-match') ?? undefined;
}

function accepted(c: Context<AppEnv>, job: Parameters<typeof toJob>[0]): Response {
  c.header('Location', `/v1/jobs/${job.id}`);
  return reply(c, toJob(job), 202);
}

/** Handlers of the agent routes. */
export function agentHandlers(deps: {
  agents: AgentService;
  /** Each agent type's config schema, references inlined. */
  configSchemas: Record<string, Record<string, unknown>>;
}) {
  const { agents } = deps;
  return {
    listAgentTypes: (c) =>
      reply(c, {
        agent_types: agents.types().map((t) => ({ ...t, config_schema: deps.configSchemas[t.type]! })),
      } as Schemas['AgentTypeList']),

    listAgents: async (c, { query }) => {
      return reply(c, await agents.list(pageOptions(query)));
    },

    createAgent: async (c, { body }) => {
      const { agent, etag } = await agents.create(body as Parameters<AgentService['create']>[0]);
      c.header('ETag', etag);
      c.header('Location', `/v1/agents/${agent.id}`);
      return reply(c, agent, 201);
    },

    getAgent: async (c, { params }) => {
      const { agent, etag } = await agents.view(params.agent_id!);
      c.header('ETag', etag);
      return reply(c, agent);
    },

    deleteAgent: async (c, { params }) => {
      await agents.delete(params.agent_id!, ifMatch(c));
      return c.body(null, 204);
    },

    exportAgent: async (c, { params }) => reply(c, await agents.exportAgent(params.agent_id!)),

    importAgent: async (c, { body }) => {
      const exported = body as Parameters<AgentService['importAgent']>[0];
      const { agent, etag } = await agents.importAgent(exported);
      c.header('ETag', etag);
      return reply(c, agent, 201);
    },

    addTransitions: async (c, { params, body }) => {
      const b = body as Schemas['TransitionBatch'];
      const out = await agents.addTransitions(
        params.agent_id!,
        {
          observation: numArray(b.observation, 'observation'),
          action: numArray(b.action, 'action'),
          reward: numArray(b.reward, 'reward'),
          next_observation: numArray(b.next_observation, 'next_observation'),
          ...(b.terminated !== undefined ? { terminated: numArray(b.terminated, 'terminated') } : {}),
          ...(b.truncated !== undefined ? { truncated: numArray(b.truncated, 'truncated') } : {}),
        },
        ifMatch(c),
      );
      return reply(c, out);
    },

    trainAgent: async (c, { params, body }) =>
      accepted(
        c,
        await agents.submit('agent-train', params.agent_id!, (body ?? {}) as Record<string, unknown>),
      ),

    planAgent: async (c, { params, body }) => {
      const b = body as Schemas['PlanRequest'];
      return reply(
        c,
        await agents.plan(
          params.agent_id!,
          { ...b, observation: numArray(b.observation, 'observation') },
          true,
        ),
      );
    },

    actAgent: async (c, { params, body }) => {
      const b = body as Schemas['PlanRequest'];
      return reply(
        c,
        await agents.plan(
          params.agent_id!,
          { ...b, observation: numArray(b.observation, 'observation') },
          false,
        ),
      );
    },

    learnAgent: async (c, { params, body }) =>
      accepted(c, await agents.submit('agent-learn', params.agent_id!, body as Record<string, unknown>)),

    evaluateAgent: async (c, { params, body }) =>
      accepted(
        c,
        await agents.submit('agent-evaluate', params.agent_id!, (body ?? {}) as Record<string, unknown>),
      ),
  } satisfies Record<string, OperationHandler>;
}

/** Handlers of the external-env routes. */
export function externalEnvHandlers(deps: { agents: AgentService }) {
  const envs = deps.agents.externalEnvs;
  return {
    listExternalEnvs: async (c, { query }) => reply(c, await envs.list(pageOptions(query))),
    createExternalEnv: async (c, { body }) => {
      const env = await envs.create(body as Parameters<typeof envs.create>[0]);
      c.header('Location', `/v1/external-envs/${env.id}`);
      return reply(c, env, 201);
    },
    getExternalEnv: async (c, { params }) => reply(c, await envs.get(params.external_env_id!)),
    deleteExternalEnv: async (c, { params }) => {
      await envs.delete(params.external_env_id!);
      return c.body(null, 204);
    },
  } satisfies Record<string, OperationHandler>;
}
