// Per request: the request id for Temporal calls made while serving it, a server span (continuing a caller's
// `traceparent`), and the request metrics labelled by route template — `/v1/connectors/:id`, never an id.
import { context, SpanKind, trace } from '@opentelemetry/api';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import { httpDuration, httpRequests } from '../../lib/metrics.ts';
import { requestContext } from '../../lib/request-context.ts';
import { extractContext, failSpan, tracer } from '../../lib/tracing.ts';
import type { AppEnv } from '../env.ts';

/** The template of the route that answered (middleware is registered as method ALL), or `unmatched`. */
export function routeTemplate(c: Context): string {
  const handlers = matchedRoutes(c).filter((r) => r.method !== 'ALL');
  return handlers.at(-1)?.path ?? 'unmatched';
}

export function telemetry() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    const method = c.req.method;
    const span = tracer().startSpan(`${method} ${c.req.path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'x-request-id': c.get('requestId') } }, extractContext(c.req.raw.headers));
    try {
      await context.with(trace.setSpan(context.active(), span), () => requestContext.run({ requestId: c.get('requestId') }, next));
    } finally {
      const route = routeTemplate(c);
      const status = c.res.status;
      span.updateName(`${method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': status });
      if (status >= 500 || c.error) failSpan(span, c.error ?? `HTTP ${status}`);
      span.end();
      httpRequests.inc({ method, route, status: String(status) });
      httpDuration.observe({ method, route }, (performance.now() - started) / 1000);
    }
  });
}
