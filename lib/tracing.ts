// OpenTelemetry traces, off unless OTEL_* asks for them: an OTLP/HTTP exporter, W3C trace context, one tracer for
// API requests, provider HTTP calls and SQL statements. Temporal's own interceptors (client, workflow, activity)
// carry the context across the workflow boundary; see worker/telemetry.ts.
import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { Config } from '../config/config.ts';

export type TracingConfig = Pick<Config, 'OTEL_SERVICE_NAME' | 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' | 'OTEL_TRACES_EXPORTER' | 'OTEL_SDK_DISABLED'>;

export interface Tracing {
  /** Where workflow spans go (the worker's sink exports them through the same processor). */
  processor: SpanProcessor;
  resource: Resource;
  /** Exports what is buffered (tests, shutdown). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

let active: Tracing | undefined;

/** The OTLP traces URL, or undefined when tracing is off (OTEL_SDK_DISABLED, OTEL_TRACES_EXPORTER=none, no endpoint). */
export function tracesUrl(config: TracingConfig): string | undefined {
  if (config.OTEL_SDK_DISABLED || config.OTEL_TRACES_EXPORTER === 'none') return undefined;
  if (config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (config.OTEL_EXPORTER_OTLP_ENDPOINT) return `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  return config.OTEL_TRACES_EXPORTER === 'otlp' ? 'http://localhost:4318/v1/traces' : undefined;
}

/** Starts exporting (once per process); undefined when tracing is not configured. */
export function startTracing(config: TracingConfig, defaultServiceName: string): Tracing | undefined {
  if (active) return active;
  const url = tracesUrl(config);
  if (!url) return undefined;
  const resource = new Resource({ 'service.name': config.OTEL_SERVICE_NAME ?? defaultServiceName });
  // OTEL_EXPORTER_OTLP_HEADERS, OTEL_BSP_* and the like are read by the SDK itself.
  const processor = new BatchSpanProcessor(new OTLPTraceExporter({ url }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register();
  active = { processor, resource, flush: () => provider.forceFlush(), shutdown: () => provider.shutdown() };
  return active;
}

export function tracingActive(): Tracing | undefined {
  return active;
}

export const tracer = () => trace.getTracer('tributary');

/** Marks a span failed: an exception, or an error status with a message (e.g. `HTTP 503`). */
export function failSpan(span: Span, err: unknown): void {
  if (err instanceof Error) span.recordException(err);
  span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
}

/** The context of an incoming request's `traceparent` (so a caller's trace continues through the API). */
export function extractContext(headers: Headers) {
  return propagation.extract(context.active(), Object.fromEntries(headers.entries()));
}

/** A finished SQL statement as a span of the current trace (Kysely reports it after the fact, with its duration). */
export function recordQuerySpan(sqlText: string, durationMs: number, error?: unknown): void {
  if (!active) return;
  const operation = /^\s*(\w+)/.exec(sqlText)?.[1]?.toUpperCase() ?? 'QUERY';
  const end = Date.now();
  const span = tracer().startSpan(`pg ${operation}`, {
    kind: SpanKind.CLIENT,
    startTime: end - durationMs,
    // The parameterized text only: values (which may be secrets) are bound separately and never recorded.
    attributes: { 'db.system': 'postgresql', 'db.operation': operation, 'db.statement': sqlText.slice(0, 2000) },
  });
  if (error) failSpan(span, error);
  span.end(end);
}

export { SpanKind };
