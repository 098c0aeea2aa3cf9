// Sync workflows: one run (`sync/con_…/run_…`) and the scheduled tick that claims a run and starts it as a child.
import { ActivityFailure, ApplicationFailure, CancellationScope, executeChild, isCancellation, proxyActivities, ParentClosePolicy } from '@temporalio/workflow';
import type { SyncActivities } from '../activities/sync.ts';
import { connectorSearchAttributes } from '../lib/workflow-safe/search-attributes.ts';

/** Retry and liveness settings, chosen by whoever starts the run (from configuration). */
export interface SyncRunSettings {
  maxAttempts: number;
  initialRetryMs: number;
  heartbeatTimeoutSeconds: number;
}

export interface SyncWorkflowInput {
  connectorId: string;
  syncRunId: string;
  settings: SyncRunSettings;
}

const quick = proxyActivities<SyncActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

function failureDetails(err: unknown): { code: string; message: string } {
  let cause: unknown = err;
  if (err instanceof ActivityFailure && err.cause) cause = err.cause;
  if (cause instanceof ApplicationFailure) return { code: cause.type ?? 'sync_failed', message: cause.message };
  return { code: 'sync_failed', message: cause instanceof Error ? cause.message : String(cause) };
}

export async function syncWorkflow(input: SyncWorkflowInput): Promise<{ status: string; pages?: number; fetched?: number }> {
  const { settings } = input;
  const pages = proxyActivities<SyncActivities>({
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
    const error = failureDetails(err);
    await quick.finishSyncRun({ syncRunId: input.syncRunId, outcome: 'failed', error });
    // Fail the workflow too, so the Temporal UI shows the failed run as failed.
    throw ApplicationFailure.nonRetryable(error.message, error.code);
  }
}

/** The action of each connector's Temporal Schedule. Skips (and records it) when a sync is already running. */
export async function scheduledSyncWorkflow(input: { connectorId: string; settings: SyncRunSettings }) {
  const claim = await quick.claimScheduledRun({ connectorId: input.connectorId });
  if (claim.skipped) return { status: 'skipped', syncRunId: claim.syncRunId, reason: claim.reason };
  return executeChild(syncWorkflow, {
    workflowId: `sync/${input.connectorId}/${claim.syncRunId}`,
    args: [{ connectorId: input.connectorId, syncRunId: claim.syncRunId, settings: input.settings }],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    typedSearchAttributes: connectorSearchAttributes({ id: input.connectorId, type: claim.type, workspace_id: claim.workspaceId }),
  });
}
