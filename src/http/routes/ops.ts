import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { components } from '../../generated/openapi.ts';
import { reply } from '../codec.ts';
import type { Metrics } from '../metrics.ts';
import type { OperationHandler } from '../operation.ts';
import { ApiError } from '../problems.ts';

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The files of the reference page, served from the swagger-ui-dist package (no network needed). */
const docsAssets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const docsPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>modelgym API reference</title>
<link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({ url: '/openapi.yaml', dom_id: '#swagger-ui', deepLinking: true });
</script>
</body>
</html>
`;

/** Reports the tensor backend in use (`null` until it is initialised). */
export type TensorBackendProbe = () => components['schemas']['Health']['tensor_backend'];

/** Handlers of the operational routes (health, metrics, the spec and its reference page). */
export function opsHandlers(deps: {
  metrics: Metrics;
  specText: string;
  version: string;
  envCount: number;
  keyId: string;
  tensorBackend?: TensorBackendProbe | undefined;
}) {
  const started = Date.now();
  const handlers = {
    getHealth: (c) =>
      reply(c, {
        status: 'ok',
        version: deps.version,
        uptime_s: (Date.now() - started) / 1000,
        envs: deps.envCount,
        state_key_id: deps.keyId,
        tensor_backend: deps.tensorBackend?.() ?? null,
      } satisfies components['schemas']['Health']),

    getMetrics: async (c) =>
      c.body(await deps.metrics.registry.metrics(), 200, {
        'Content-Type': deps.metrics.registry.contentType,
      }),

    getOpenApi: (c) => c.body(deps.specText, 200, { 'Content-Type': 'application/yaml; charset=utf-8' }),

    getDocs: (c) => c.html(docsPage),

    getDocsAsset: async (c, { params }) => {
      const file = params.file!;
      const type = Object.hasOwn(docsAssets, file) ? docsAssets[file] : undefined;
      if (!type) throw new ApiError('not-found', `no documentation asset "${file}"`);
      const bytes = await readFile(join(swaggerDir, file));
      return c.body(bytes, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
    },
  } satisfies Record<string, OperationHandler>;
  return handlers;
}
