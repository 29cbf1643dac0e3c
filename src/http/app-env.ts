import type { WireFormat } from './codec.ts';

/** Hono's typing of the per-request variables the middleware sets. */
export interface AppEnv {
  Variables: {
    /** Response format negotiated from Accept (and the request's Content-Type). */
    format: WireFormat;
    requestId: string;
    /** Spec path template of the matched operation, e.g. `/v1/envs/{env_id}/step` (a metric label). */
    route: string;
  };
}
