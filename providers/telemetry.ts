// Every provider HTTP call, measured and traced in one place: a fetch wrapper the registry hands each client.
// Metrics by connector type and status class; a client span with method, host and path (never the query string,
// which can carry tokens) in the trace of the sync or backfill that made the call.
import { providerDuration, providerRequests, statusClass } from '../lib/metrics.ts';
import { failSpan, SpanKind, tracer } from '../lib/tracing.ts';

export function instrumentFetch(connectorType: string, fetchImpl: typeof fetch): typeof fetch {
  return async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const started = performance.now();
    const span = tracer().startSpan(`${method} ${url.host}`, {
      kind: SpanKind.CLIENT,
      attributes: { 'http.request.method': method, 'server.address': url.hostname, 'url.path': url.pathname, 'tributary.connector_type': connectorType },
    });
    let status: number | undefined;
    try {
      const res = await fetchImpl(input, init);
      status = res.status;
      span.setAttribute('http.response.status_code', res.status);
      if (res.status >= 400) failSpan(span, `HTTP ${res.status}`);
      return res;
    } catch (err) {
      failSpan(span, err);
      throw err;
    } finally {
      span.end();
      providerRequests.inc({ connector_type: connectorType, status_class: statusClass(status) });
      providerDuration.observe({ connector_type: connectorType }, (performance.now() - started) / 1000);
    }
  };
}
