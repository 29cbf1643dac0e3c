import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** The Prometheus metrics of one app instance (own registry, so tests can build many apps). */
export interface Metrics {
  registry: Registry;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
  envSteps: Counter<'env_id'>;
}

/** Creates the registry with default process metrics and the API's own. */
export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return {
    registry,
    requestDuration: new Histogram({
      name: 'modelgym_http_request_duration_seconds',
      help: 'HTTP request duration by spec route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5],
      registers: [registry],
    }),
    envSteps: new Counter({
      name: 'modelgym_env_steps_total',
      help: 'Env steps served, by env id',
      labelNames: ['env_id'],
      registers: [registry],
    }),
  };
}
