// Temporal headers Tributary reads or sets itself: the API request id travels from the request through the workflow to
// its activities (and child workflows), so their log lines carry the id the caller saw in `x-request-id`; the trace
// context decides whether a workflow is traced (workflows/interceptors.ts).
import { defaultPayloadConverter, type Payload } from '@temporalio/common';

export const REQUEST_ID_HEADER = 'tributary-request-id';

/** Where OpenTelemetry's client interceptor puts the W3C trace context of a start (its `TRACE_HEADER`). */
export const TRACE_HEADER = '_tracer-data';

/**
 * Whether a start's headers carry a trace context. Every Temporal client of ours adds the header; with tracing off its
 * carrier is empty, with tracing on it holds the caller's `traceparent`.
 */
export function carriesTrace(headers: Record<string, Payload>): boolean {
  const header = headers[TRACE_HEADER];
  if (!header) return false;
  try {
    const carrier = defaultPayloadConverter.fromPayload<Record<string, unknown> | null>(header);
    return typeof carrier?.traceparent === 'string' && carrier.traceparent.length > 0;
  } catch {
    return false;
  }
}
