// One reading of a failed activity or child workflow: its code (the ApplicationFailure type) and message.
import { ActivityFailure, ApplicationFailure, ChildWorkflowFailure } from '@temporalio/common';

export interface FailureDetails {
  code: string;
  message: string;
}

/** Unwraps Temporal's failure wrappers to the cause's type and message; `fallbackCode` when it has no type. */
export function describeFailure(err: unknown, fallbackCode: string): FailureDetails {
  let cause: unknown = err;
  while ((cause instanceof ActivityFailure || cause instanceof ChildWorkflowFailure) && cause.cause) cause = cause.cause;
  if (cause instanceof ApplicationFailure) return { code: cause.type ?? fallbackCode, message: cause.message };
  return { code: fallbackCode, message: cause instanceof Error ? cause.message : String(cause) };
}
