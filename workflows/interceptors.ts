// Workflow interceptors (bundled with the workflows): carry the API request id from the start header to every
// activity, child workflow and continue-as-new, and put it on the workflow's log lines as `request_id`.
import { defaultPayloadConverter, type Payload, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { REQUEST_ID_HEADER } from '../contracts/headers.ts';

export const interceptors: WorkflowInterceptorsFactory = () => {
  let header: Payload | undefined;
  let requestId: string | undefined;
  const withHeader = <T extends { headers: Record<string, Payload> }>(input: T): T => (header ? { ...input, headers: { ...input.headers, [REQUEST_ID_HEADER]: header } } : input);
  return {
    inbound: [
      {
        execute(input, next) {
          header = input.headers[REQUEST_ID_HEADER];
          requestId = header ? defaultPayloadConverter.fromPayload<string>(header) : undefined;
          return next(input);
        },
      },
    ],
    outbound: [
      {
        scheduleActivity: (input, next) => next(withHeader(input)),
        scheduleLocalActivity: (input, next) => next(withHeader(input)),
        startChildWorkflowExecution: (input, next) => next(withHeader(input)),
        continueAsNew: (input, next) => next(withHeader(input)),
        getLogAttributes: (input, next) => next(requestId ? { ...input, request_id: requestId } : input),
      },
    ],
  };
};
