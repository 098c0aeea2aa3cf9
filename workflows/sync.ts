// Sync workflows: one run (`sync/con_…/run_…`) and the scheduled tick that claims a run and starts it as a child.
import { ApplicationFailure, CancellationScope, executeChild, isCancellation, proxyActivities, ParentClosePolicy, workflowInfo } from '@temporalio/workflow';
import type { SyncActivities } from '../activities/sync.ts';
import { describeFailure } from '../contracts/failures.ts';
import { workflowIds } from '../contracts/ids.ts';
import { controlActivities, ioQueue } from './queues.ts';
import { connectorSearchAttributes, SA_SCHEDULED_START_TIME } from '../contracts/search-attributes.ts';
import type { ScheduledSyncInput, ScheduledSyncResult, SyncWorkflowInput, SyncWorkflowResult } from '../contracts/workflows.ts';

const quick = controlActivities<SyncActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

export async function syncWorkflow(input: SyncWorkflowInput): Promise<SyncWorkflowResult> {
  const { settings } = input;
  const pages = proxyActivities<SyncActivities>({
    ...ioQueue(),
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
    const result = await pages.syncPages({ syncRunId: input.syncRunId });
    const status = await quick.finishSyncRun({ syncRunId: input.syncRunId, outcome: 'succeeded' });
    return { status, ...result };
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

/** The action of each connector's Temporal Schedule. Skips (and records it) when a sync is already running. */
export async function scheduledSyncWorkflow(input: ScheduledSyncInput): Promise<ScheduledSyncResult> {
  // When the tick was due (set by the Schedule), so the claim can measure how late it started.
  const scheduledAt = workflowInfo().typedSearchAttributes.get(SA_SCHEDULED_START_TIME)?.toISOString();
  const claim = await quick.claimScheduledRun({ connectorId: input.connectorId, ...(scheduledAt ? { scheduledAt } : {}) });
  if (claim.skipped) return { status: 'skipped', syncRunId: claim.syncRunId, reason: claim.reason };
  return executeChild(syncWorkflow, {
    workflowId: workflowIds.sync(input.connectorId, claim.syncRunId),
    args: [{ connectorId: input.connectorId, syncRunId: claim.syncRunId, settings: input.settings }],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    typedSearchAttributes: connectorSearchAttributes({ id: input.connectorId, type: claim.type, workspace_id: claim.workspaceId }),
  });
}
