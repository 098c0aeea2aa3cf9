// Where a workflow's activities run: long ones on the I/O task queue (see `taskQueues` in contracts/ids.ts), the short
// control steps of the per-connector hot paths as local activities inside the workflow's own task.
import type { Duration } from '@temporalio/common';
import { patched, proxyActivities, proxyLocalActivities, workflowInfo, type ActivityInterfaceFor, type RetryPolicy, type UntypedActivities } from '@temporalio/workflow';
import { taskQueues } from '../contracts/ids.ts';
import type { Revisioned } from '../contracts/workflows.ts';

/**
 * Whether the workflow was started with revision `revision` or later (see `WORKFLOW_REVISION`): then the changes that
 * revision made apply without asking `patched`, which would record a marker and a search-attribute upsert in each new
 * workflow. A workflow started before has a lower revision (or none) and takes each change by its marker, as it first
 * ran. Each check names the revision that made its change, never today's: a workflow of revision 2 must keep taking
 * revision 2's changes after a revision 3 exists.
 */
export function atLeast(input: Revisioned, revision: number): boolean {
  return (input.revision ?? 0) >= revision;
}

/**
 * Activity options that put a long activity on the deployment's I/O task queue (derived from the workflow's own queue,
 * so a test's per-file queue gets its own). A workflow recorded before the queue existed replays with its activities
 * where it scheduled them (the `patched` marker), on the main queue, whose worker still runs every activity.
 */
export function ioQueue(input: Revisioned): { taskQueue?: string } {
  return atLeast(input, 2) || patched('io-task-queue') ? { taskQueue: taskQueues.io(workflowInfo().taskQueue) } : {};
}

export interface ControlOptions {
  startToCloseTimeout: Duration;
  retry: RetryPolicy;
}

/**
 * The short control steps a scheduled sync or an onboarding takes (a tick's claim, a run's start and finish, the
 * connection test and activation), as local activities: the worker running the workflow runs them inside the
 * workflow's task. The Temporal server then schedules, dispatches and completes no activity task and no extra workflow
 * task per step, only a marker is recorded — less server CPU per sync and fewer round trips before an onboarding
 * answers. They are retried as their options say (a retry backoff past a minute waits on a timer); a worker that dies
 * mid-step loses its workflow task, and the next worker runs the step again, so each step stays idempotent.
 * A workflow recorded before the change replays with ordinary activities (the `patched` marker), as it ran.
 */
export function controlActivities<A extends UntypedActivities>(input: Revisioned, options: ControlOptions): ActivityInterfaceFor<A> {
  if (atLeast(input, 2)) return proxyLocalActivities<A>(options);
  type Step = (...args: unknown[]) => Promise<unknown>;
  const remote = proxyActivities(options) as Record<string, Step>;
  const local = proxyLocalActivities(options) as Record<string, Step>;
  return new Proxy({} as ActivityInterfaceFor<A>, {
    get: (_, name: string) => (...args: unknown[]) => (patched('local-control-activities') ? local : remote)[name]!(...args),
  });
}
