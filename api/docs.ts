// Interactive API docs at /docs, served from the swagger-ui-dist package (works offline).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Hono } from 'hono';

const require = createRequire(import.meta.url);
const distDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
// A Map, not an object literal: a requested name such as `constructor` or `__proto__` must not find anything.
const ASSETS = new Map([
  ['swagger-ui.css', 'text/css'],
  ['swagger-ui-bundle.js', 'application/javascript'],
  ['swagger-ui-standalone-preset.js', 'application/javascript'],
]);

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tributary API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/docs-init.js"></script>
</body></html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', persistAuthorization: true });`;

export function docsRoutes() {
  const app = new Hono();
  app.get('/docs', (c) => c.html(PAGE));
  app.get('/docs/assets/docs-init.js', (c) => c.body(INIT, 200, { 'content-type': 'application/javascript' }));
  app.get('/docs/assets/:file', async (c) => {
    const file = c.req.param('file');
    const type = ASSETS.get(file);
    if (!type) return c.notFound();
    return c.body(await readFile(path.join(distDir, file)), 200, { 'content-type': type, 'cache-control': 'public, max-age=3600' });
  });
  return app;
}
