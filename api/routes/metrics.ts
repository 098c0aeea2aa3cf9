// GET /metrics (Prometheus text), unauthenticated like /healthz unless METRICS_TOKEN asks for a bearer token.
import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import { metricsAuthorized } from '../../lib/metrics.ts';
import { errorBody } from '../middleware/errors.ts';

export function metricsRoutes(registry: Registry, token: string | undefined) {
  const app = new Hono();
  app.get('/metrics', async (c) => {
    if (!metricsAuthorized(token, c.req.header('authorization'))) return c.json(errorBody('unauthorized', 'metrics need the METRICS_TOKEN bearer token'), 401);
    return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType });
  });
  return app;
}
