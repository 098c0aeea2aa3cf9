// Workflow interceptors (bundled with the workflows): carry the API request id from the start header to every
// activity, child workflow, continue-as-new and signal it sends, and put it on the workflow's log lines as
// `request_id`; and trace a workflow with OpenTelemetry when, and only when, the call that started it was traced.
//
// The OpenTelemetry workflow interceptors are loaded lazily, per workflow, on a start that carries a trace context. A
// worker evaluates a workflow's modules afresh for every workflow it runs, and evaluating OpenTelemetry's (its SDK,
// semantic conventions) and making its spans cost more CPU than the workflow itself: ~4–5 ms per workflow measured
// (bench note in docs/SCALING.md §2). Untraced, they are never evaluated. Commands are the same either way (the
// interceptors call `next` synchronously), so a history recorded with them replays without, and the other way round.
import { defaultPayloadConverter, type Payload, type WorkflowInterceptorsFactory, type WorkflowInboundCallsInterceptor, type WorkflowOutboundCallsInterceptor } from '@temporalio/workflow';
import type * as OtelWorkflow from '@temporalio/interceptors-opentelemetry/lib/workflow/index.js';
import { carriesTrace, REQUEST_ID_HEADER } from '../contracts/headers.ts';

interface Otel {
  inbound: WorkflowInboundCallsInterceptor;
  outbound: WorkflowOutboundCallsInterceptor;
  dispose(): void;
}

function loadOtel(): Otel {
  // A require, not an import: webpack then evaluates OpenTelemetry's modules only for a workflow that is traced.
  const otel = require('@temporalio/interceptors-opentelemetry/lib/workflow/index.js') as typeof OtelWorkflow;
  const internals = new otel.OpenTelemetryInternalsInterceptor();
  return {
    inbound: new otel.OpenTelemetryInboundInterceptor(),
    outbound: new otel.OpenTelemetryOutboundInterceptor(),
    dispose: () => void internals.dispose({}, () => undefined),
  };
}

export const interceptors: WorkflowInterceptorsFactory = () => {
  let header: Payload | undefined;
  let requestId: string | undefined;
  let otel: Otel | undefined;
  const withHeader = <T extends { headers: Record<string, Payload> }>(input: T): T => (header ? { ...input, headers: { ...input.headers, [REQUEST_ID_HEADER]: header } } : input);
  // Each outbound call: the request id header first, then (traced) OpenTelemetry's span and trace header around it.
  const out = <K extends 'scheduleActivity' | 'scheduleLocalActivity' | 'startChildWorkflowExecution' | 'continueAsNew' | 'signalWorkflow'>(name: K) =>
    ((input: { headers: Record<string, Payload> }, next: (i: unknown) => unknown) => {
      const traced = otel?.outbound[name] as ((i: unknown, n: unknown) => unknown) | undefined;
      return traced ? traced.call(otel!.outbound, withHeader(input), next) : next(withHeader(input));
    }) as unknown as NonNullable<WorkflowOutboundCallsInterceptor[K]>;
  const inbound = <K extends 'handleSignal' | 'handleUpdate' | 'validateUpdate' | 'handleQuery'>(name: K) =>
    ((input: unknown, next: (i: unknown) => unknown) => {
      const traced = otel?.inbound[name] as ((i: unknown, n: unknown) => unknown) | undefined;
      return traced ? traced.call(otel!.inbound, input, next) : next(input);
    }) as unknown as NonNullable<WorkflowInboundCallsInterceptor[K]>;
  return {
    inbound: [
      {
        execute(input, next) {
          header = input.headers[REQUEST_ID_HEADER];
          requestId = header ? defaultPayloadConverter.fromPayload<string>(header) : undefined;
          if (carriesTrace(input.headers)) otel = loadOtel();
          return otel ? otel.inbound.execute!(input, next) : next(input);
        },
        handleSignal: inbound('handleSignal'),
        handleUpdate: inbound('handleUpdate'),
        validateUpdate: inbound('validateUpdate'),
        handleQuery: inbound('handleQuery'),
      },
    ],
    outbound: [
      {
        scheduleActivity: out('scheduleActivity'),
        scheduleLocalActivity: out('scheduleLocalActivity'),
        startChildWorkflowExecution: out('startChildWorkflowExecution'),
        continueAsNew: out('continueAsNew'),
        signalWorkflow: out('signalWorkflow'),
        getLogAttributes: (input, next) => {
          const attrs = requestId ? { ...input, request_id: requestId } : input;
          return otel?.outbound.getLogAttributes ? otel.outbound.getLogAttributes(attrs, next) : next(attrs);
        },
      },
    ],
    internals: [
      {
        dispose(input, next) {
          otel?.dispose();
          next(input);
        },
      },
    ],
  };
};
