// The retention workflow (the action of the `maintenance/retention` schedule): prunes each target in batches until
// nothing old is left, continuing as new when the history grows, so a large backlog never makes one huge run.
import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { RetentionActivities } from '../activities/retention.ts';
import { RETENTION_TARGETS, type RetentionInput, type RetentionResult } from '../contracts/workflows.ts';

const acts = proxyActivities<RetentionActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});

export async function retentionWorkflow(input: RetentionInput): Promise<RetentionResult> {
  const pruned = { ...input.pruned };
  for (let i = input.resumeAt ?? 0; i < RETENTION_TARGETS.length; i++) {
    const target = RETENTION_TARGETS[i]!;
    const maxAgeSeconds = input.settings.maxAgeSeconds[target];
    if (!maxAgeSeconds) continue;
    for (;;) {
      const batch = await acts.pruneBatch({ target, maxAgeSeconds, batchSize: input.settings.batchSize });
      pruned[target] = (pruned[target] ?? 0) + batch.removed;
      if (!batch.more) break;
      if (workflowInfo().continueAsNewSuggested) return continueAsNew<typeof retentionWorkflow>({ settings: input.settings, resumeAt: i, pruned });
    }
  }
  return { pruned };
}
