import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { AgentLimits } from '../agents/family.ts';

/** Where the contract lives; served verbatim at `/openapi.yaml`. */
export const specPath = fileURLToPath(new URL('../../openapi/openapi.yaml', import.meta.url));

/** The OpenAPI document, as far as the server reads it. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
  'x-limits': {
    max_body_bytes: number;
    max_body_depth: number;
    max_body_items: number;
    max_num_envs: number;
    max_replay_actions: number;
    max_transitions_per_request: number;
    max_plan_rollouts: number;
    max_plan_flops: number;
    max_event_streams: number;
    max_agent_space_width: number;
    max_tasks_per_request: number;
    max_replay_values: number;
  };
  [key: string]: unknown;
}

/** One operation of the spec. */
export interface SpecOperation {
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Spec path template, `/v1/envs/{env_id}`. */
  path: string;
  /** The same path in Hono's syntax, `/v1/envs/:env_id`. */
  honoPath: string;
  parameters: SpecParameter[];
  /** Schema of the request body, when the operation takes one. */
  bodySchema: unknown;
  bodyRequired: boolean;
  /** A success response may be a server-sent-event stream (`text/event-stream`). */
  eventStream: boolean;
}

/** A path or query parameter. */
export interface SpecParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: unknown;
}

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The agents' limits from the spec's `x-limits`. */
export function agentLimits(doc: OpenApiDocument): AgentLimits {
  const limits = doc['x-limits'];
  return {
    maxPlanRollouts: limits.max_plan_rollouts,
    maxPlanFlops: limits.max_plan_flops,
    maxTransitionsPerRequest: limits.max_transitions_per_request,
    maxReplayValues: limits.max_replay_values,
  };
}

/** Reads and parses the spec text. */
export function loadSpecText(): string {
  return readFileSync(specPath, 'utf8');
}

/** Parses the spec document. */
export function loadSpec(text = loadSpecText()): OpenApiDocument {
  return parse(text) as OpenApiDocument;
}

function resolveRef<T>(doc: OpenApiDocument, value: T | { $ref: string }): T {
  if (value && typeof value === 'object' && '$ref' in value) {
    const path = value.$ref.replace(/^#\//, '').split('/');
    let node: unknown = doc;
    for (const key of path) node = (node as Record<string, unknown>)[key];
    return node as T;
  }
  return value as T;
}

/** Every operation in the spec, with parameters and body schema resolved. */
export function specOperations(doc: OpenApiDocument): SpecOperation[] {
  const ops: SpecOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared = (item.parameters as unknown[] | undefined) ?? [];
    for (const method of methods) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      const params = [...shared, ...((op.parameters as unknown[] | undefined) ?? [])].map((p) =>
        resolveRef<SpecParameter>(doc, p as SpecParameter),
      );
      const body = op.requestBody as
        | { required?: boolean; content: Record<string, { schema: unknown }> }
        | undefined;
      ops.push({
        operationId: op.operationId as string,
        method,
        path,
        honoPath: path.replace(/\{(\w+)\}/g, ':$1'),
        parameters: params.map((p) => ({ ...p, required: p.required ?? false })),
        bodySchema: body ? body.content['application/json']?.schema : undefined,
        bodyRequired: body?.required ?? false,
        eventStream: offersEventStream(doc, op.responses),
      });
    }
  }
  return ops;
}

function offersEventStream(doc: OpenApiDocument, responses: unknown): boolean {
  return Object.entries((responses as Record<string, unknown> | undefined) ?? {}).some(
    ([status, response]) => {
      const content = resolveRef<{ content?: Record<string, unknown> }>(doc, response as object).content;
      return status.startsWith('2') && content !== undefined && 'text/event-stream' in content;
    },
  );
}

/** A copy of a schema with its local `$ref`s replaced by what they name (for serving schemas alone). */
export function inlineRefs(doc: OpenApiDocument, schema: unknown): Record<string, unknown> {
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve);
    if (typeof node !== 'object' || node === null) return node;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/')) {
      let target: unknown = doc;
      for (const part of ref.slice(2).split('/')) target = (target as Record<string, unknown>)[part];
      return resolve(target);
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v)]));
  };
  return resolve(schema) as Record<string, unknown>;
}
