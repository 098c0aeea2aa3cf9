// The request being served (its `x-request-id`), kept in AsyncLocalStorage so that every Temporal call made while
// serving it carries the id in a header (read back by the workflow and activity interceptors for their logs).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { REQUEST_ID_HEADER } from '../contracts/headers.ts';

export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

function withRequestId<T extends { headers: Record<string, Payload> }>(input: T): T {
  const id = requestContext.getStore()?.requestId;
  return id ? { ...input, headers: { ...input.headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(id) } } : input;
}

/** Adds the current request id to workflow starts and signals. */
export function requestIdClientInterceptor(): WorkflowClientInterceptor {
  return {
    startWithDetails: (input, next) => next(withRequestId(input)),
    signalWithStart: (input, next) => next(withRequestId(input)),
    signal: (input, next) => next(withRequestId(input)),
  };
}

/** The request id carried by a Temporal header (activities read it from their input headers). */
export function requestIdFromHeaders(headers: Record<string, Payload> | undefined): string | undefined {
  const p = headers?.[REQUEST_ID_HEADER];
  return p ? defaultPayloadConverter.fromPayload<string>(p) : undefined;
}
