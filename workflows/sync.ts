// Sync workflows: one run (`sync/con_…/run_…`) and the scheduled tick that claims a run and starts it as a child.
import { ActivityFailure, ApplicationFailure, CancellationScope, executeChild, isCancellation, proxyActivities, proxyLocalActivities, ParentClosePolicy, startChild, workflowInfo } from '@temporalio/workflow';
import type { SyncActivities, SyncPagesResult } from '../activities/sync.ts';
import { describeFailure } from '../contracts/failures.ts';
import { workflowIds } from '../contracts/ids.ts';
import { atLeast, controlActivities, ioQueue, type ControlOptions } from './queues.ts';
import { connectorSearchAttributes, SA_SCHEDULED_START_TIME } from '../contracts/search-attributes.ts';
import { WORKFLOW_REVISION, type ScheduledSyncInput, type ScheduledSyncResult, type SyncWorkflowInput, type SyncWorkflowResult } from '../contracts/workflows.ts';

const QUICK: ControlOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
};

/**
 * How long a tick's local pass over its pages may start new page fetches (see `firstPassHere`): its workflow task stays
 * open meanwhile, and the SDK warns of a workflow task past 5 s. A short tick takes tens of milliseconds.
 */
const LOCAL_PASS_MS = 2_000;
/** The local pass as a whole: its time, a page fetch still in flight, and the commit of what it fetched. */
const LOCAL_PASS_TIMEOUT = '1 minute';

/**
 * A revision-4 tick's first pass over its pages, as a local activity inside its own workflow task: no activity task for
 * the Temporal server to schedule, dispatch and complete, and no second workflow task, when the sync is short — as
 * most ticks' incremental syncs are. It stops after `pages` page fetches or `LOCAL_PASS_MS` (and before waiting for a
 * provider's Retry-After); undefined then, and the I/O queue's activity continues from the committed position. Tried
 * once: a failure the I/O queue's retries could mend (a provider error, the pass's timeout) is left to them.
 */
async function firstPassHere(syncRunId: string, pages: number): Promise<SyncPagesResult | undefined> {
  const { syncPages } = proxyLocalActivities<SyncActivities>({ startToCloseTimeout: LOCAL_PASS_TIMEOUT, retry: { maximumAttempts: 1 } });
  try {
    const result = await syncPages({ syncRunId, localPass: { pages, ms: LOCAL_PASS_MS } });
    return result.complete ? result : undefined;
  } catch (err) {
    if (isCancellation(err) || (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.nonRetryable)) throw err;
    return undefined;
  }
}

export async function syncWorkflow(input: SyncWorkflowInput): Promise<SyncWorkflowResult> {
  return runSync(input);
}

/**
 * One sync run's steps: start it, page through the provider, finish it. A `sync/con_…/run_…` workflow, or a tick's own
 * (`localPages`: its first pass runs in the workflow's task, see `firstPassHere`).
 */
async function runSync(input: SyncWorkflowInput, localPages = 0): Promise<SyncWorkflowResult> {
  const { settings } = input;
  const quick = controlActivities<SyncActivities>(input, QUICK);
  const pages = proxyActivities<SyncActivities>({
    ...ioQueue(input),
    startToCloseTimeout: '2 hours',
    heartbeatTimeout: `${settings.heartbeatTimeoutSeconds} seconds`,
    retry: {
      maximumAttempts: settings.maxAttempts,
      initialInterval: settings.initialRetryMs,
      backoffCoefficient: 2,
      maximumInterval: '5 minutes',
    },
  });
  const started = await quick.startSyncRun({ syncRunId: input.syncRunId });
  if (!started.window) return { status: started.status };
  try {
    const here = localPages > 0 ? await firstPassHere(input.syncRunId, localPages) : undefined;
    const { pages: pageCount, fetched } = here ?? (await pages.syncPages({ syncRunId: input.syncRunId }));
    const status = await quick.finishSyncRun({ syncRunId: input.syncRunId, outcome: 'succeeded' });
    return { status, pages: pageCount, fetched };
  } catch (err) {
    if (isCancellation(err)) {
      await CancellationScope.nonCancellable(() => quick.finishSyncRun({ syncRunId: input.syncRunId, outcome: 'cancelled' }));
      throw err;
    }
    const error = describeFailure(err, 'sync_failed');
    await quick.finishSyncRun({ syncRunId: input.syncRunId, outcome: 'failed', error });
    // Fail the workflow too, so the Temporal UI shows the failed run as failed.
    throw ApplicationFailure.nonRetryable(error.message, error.code);
  }
}

/**
 * The action of each connector's Temporal Schedule: claims the tick's run (or records it skipped when a sync is already
 * running) and runs it. "At most one sync per connector" is the claim's (in PostgreSQL, for every trigger alike).
 * A revision-3 tick runs the sync in itself — one workflow per tick; the schedule's overlap policy (SKIP) then covers
 * the whole sync, and the next tick's claim records the ticks it skipped (see `claimScheduledRun`). A revision-2 tick
 * started the sync as a child and completed at once; an older one waited for the child's result. A revision-4 tick
 * takes its sync's first pages in its own workflow task (`firstPassHere`).
 */
export async function scheduledSyncWorkflow(input: ScheduledSyncInput): Promise<ScheduledSyncResult> {
  const quick = controlActivities<SyncActivities>(input, QUICK);
  // When the tick was due (set by the Schedule), so the claim can measure how late it started.
  const scheduledAt = workflowInfo().typedSearchAttributes.get(SA_SCHEDULED_START_TIME)?.toISOString();
  const inTick = atLeast(input, 3);
  const claim = await quick.claimScheduledRun({ connectorId: input.connectorId, ...(scheduledAt ? { scheduledAt } : {}), ...(inTick ? { inTick } : {}) });
  if (claim.skipped) return { status: 'skipped', syncRunId: claim.syncRunId, reason: claim.reason };
  if (inTick) {
    const localPages = atLeast(input, 4) ? (input.settings.tickLocalPages ?? 0) : 0;
    const result = await runSync({ connectorId: input.connectorId, syncRunId: claim.syncRunId, settings: input.settings, revision: input.revision }, localPages);
    return { ...result, syncRunId: claim.syncRunId };
  }
  const sync = {
    workflowId: workflowIds.sync(input.connectorId, claim.syncRunId),
    args: [{ connectorId: input.connectorId, syncRunId: claim.syncRunId, settings: input.settings, revision: WORKFLOW_REVISION }] as [SyncWorkflowInput],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    typedSearchAttributes: connectorSearchAttributes({ id: input.connectorId, type: claim.type, workspace_id: claim.workspaceId }),
  };
  if (!atLeast(input, 2)) return executeChild(syncWorkflow, sync);
  await startChild(syncWorkflow, sync);
  return { status: 'started', syncRunId: claim.syncRunId };
}
