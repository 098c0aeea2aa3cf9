// Where a workflow's long activities run (see `taskQueues` in contracts/ids.ts).
import { patched, workflowInfo } from '@temporalio/workflow';
import { taskQueues } from '../contracts/ids.ts';

/**
 * Activity options that put a long activity on the deployment's I/O task queue (derived from the workflow's own queue,
 * so a test's per-file queue gets its own). A workflow recorded before the queue existed replays with its activities
 * where it scheduled them (the `patched` marker), on the main queue, whose worker still runs every activity.
 */
export function ioQueue(): { taskQueue?: string } {
  return patched('io-task-queue') ? { taskQueue: taskQueues.io(workflowInfo().taskQueue) } : {};
}
