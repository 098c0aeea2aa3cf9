// The worker's share of tracing and request ids: activity interceptors, the sink that exports workflow spans, and
// the workflow interceptor modules every workflow bundle must contain (tests, bench and the image bundle with them).
import { createRequire } from 'node:module';
import { OpenTelemetryActivityInboundInterceptor, OpenTelemetryActivityOutboundInterceptor, makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory, InjectedSink } from '@temporalio/worker';
import type { OpenTelemetryWorkflowExporter } from '@temporalio/interceptors-opentelemetry';
import { requestIdFromHeaders } from '../lib/request-context.ts';
import type { Tracing } from '../lib/tracing.ts';

const require = createRequire(import.meta.url);

/** A module of ours next to this one: `.ts` when run from source (tsx), `.js` in the compiled build. */
function sibling(relative: string): string {
  try {
    return require.resolve(`${relative}.ts`);
  } catch {
    return require.resolve(`${relative}.js`);
  }
}

export const WORKFLOWS_PATH = sibling('../workflows/index');
/** Ours only: it loads OpenTelemetry's workflow interceptors itself, for a workflow whose start was traced. */
export const WORKFLOW_INTERCEPTOR_MODULES = [sibling('../workflows/interceptors')];

/** Activities: a span per execution (child of the workflow's), and `request_id` on the SDK's activity log lines. */
export const activityInterceptors: ActivityInterceptorsFactory = (ctx) => {
  let requestId: string | undefined;
  const otelIn = new OpenTelemetryActivityInboundInterceptor(ctx);
  const otelOut = new OpenTelemetryActivityOutboundInterceptor(ctx);
  return {
    inbound: {
      execute(input, next) {
        requestId = requestIdFromHeaders(input.headers);
        return otelIn.execute(input, next);
      },
    },
    outbound: {
      getLogAttributes: (input, next) => otelOut.getLogAttributes(requestId ? { ...input, request_id: requestId } : input, next),
      getMetricTags: (input, next) => otelOut.getMetricTags(input, next),
    },
  };
};

/** Workflow spans leave the isolate through this sink; while tracing is off they are dropped here. */
export function workflowSinks(tracing: Tracing | undefined): { exporter: InjectedSink<OpenTelemetryWorkflowExporter> } {
  if (tracing) return { exporter: makeWorkflowExporter(tracing.processor, tracing.resource) };
  return { exporter: { export: { fn: () => undefined } } };
}
