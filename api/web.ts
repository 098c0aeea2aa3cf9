// The Integrations page (`/integrations`, `/` redirects there): static files from web/, no build step.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { rulesModuleSource } from '../lib/connector-rules.ts';

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web');
// A Map, not an object literal: a requested name such as `constructor` or `__proto__` must not find anything.
const ASSETS = new Map([
  ['app.js', 'application/javascript; charset=utf-8'],
  ['styles.css', 'text/css; charset=utf-8'],
]);
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function webRoutes() {
  const app = new Hono();
  app.get('/', (c) => c.redirect('/integrations', 302));
  app.get('/integrations', async (c) => c.body(await readFile(path.join(WEB_DIR, 'index.html')), 200, { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS }));
  // The connector status rules, served from the module the API itself uses (so the page cannot drift from it).
  app.get('/integrations/assets/rules.js', (c) => c.body(rulesModuleSource(), 200, { 'content-type': 'application/javascript; charset=utf-8', 'cache-control': 'no-cache', ...SECURITY_HEADERS }));
  app.get('/integrations/assets/:file', async (c) => {
    const file = c.req.param('file');
    const type = ASSETS.get(file);
    if (!type) return c.notFound();
    return c.body(await readFile(path.join(WEB_DIR, file)), 200, { 'content-type': type, 'cache-control': 'no-cache', ...SECURITY_HEADERS });
  });
  return app;
}
