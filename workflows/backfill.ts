// The backfill workflow `backfill/bf_…`: runs the unfinished chunks with bounded concurrency — each lane an activity
// at a time, a run of chunks each (revision 5; one chunk each before) — carries its position (`nextChunk`) in its
// input and continues as new before its history grows large.
import {
  ActivityCancellationType, ApplicationFailure, CancellationScope, CancelledFailure, continueAsNew, isCancellation, proxyActivities, workflowInfo,
} from '@temporalio/workflow';
import type { BackfillActivities } from '../activities/backfill.ts';
import { describeFailure } from '../contracts/failures.ts';
import { atLeast, ioQueue } from './queues.ts';
import type { BackfillWorkflowInput, BackfillWorkflowResult } from '../contracts/workflows.ts';

const quick = proxyActivities<BackfillActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

export async function backfillWorkflow(input: BackfillWorkflowInput): Promise<BackfillWorkflowResult> {
  const { backfillId, settings } = input;
  const chunks = proxyActivities<BackfillActivities>({
    ...ioQueue(input),
    startToCloseTimeout: '2 hours',
    heartbeatTimeout: `${settings.heartbeatTimeoutSeconds} seconds`,
    retry: { maximumAttempts: settings.maxAttempts, initialInterval: settings.initialRetryMs, backoffCoefficient: 2, maximumInterval: '5 minutes' },
    // Wait until a cancelled chunk has really stopped, so "cancelled" means no more provider calls.
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  });
  const root = CancellationScope.current();
  const cancelled = async (): Promise<never> => {
    await CancellationScope.nonCancellable(() => quick.finishBackfill({ backfillId, outcome: 'cancelled' }));
    throw new CancelledFailure('backfill cancelled');
  };

  let queue: number[];
  let more: boolean;
  try {
    const started = await quick.startBackfill({ backfillId, run: input.run });
    if (started.status === 'cancelling') return await cancelled();
    if (started.status !== 'running') return { status: started.status, runs: input.run };
    const plan = await quick.pendingBackfillChunks({ backfillId, from: input.nextChunk, limit: settings.chunksPerRun });
    queue = plan.indexes;
    more = plan.more;
  } catch (err) {
    if (isCancellation(err)) return await cancelled();
    throw err;
  }
  const lastPlanned = queue.length ? queue[queue.length - 1]! : input.nextChunk - 1;

  let failure: { chunk: number; code: string; message: string } | undefined;
  let stopped = false;
  const perActivity = atLeast(input, 5) ? settings.chunksPerActivity ?? 1 : 0;
  /** The next chunks for a lane: a run, shorter near the end so the lanes finish together (none before revision 5). */
  const take = (): number[] => queue.splice(0, Math.max(1, Math.min(perActivity, Math.ceil(queue.length / settings.concurrency))));
  const lane = async () => {
    while (queue.length && !failure && !stopped && !root.consideredCancelled && !workflowInfo().continueAsNewSuggested) {
      const run = perActivity ? take() : [queue.shift()!];
      try {
        if (perActivity) {
          const r = await chunks.runBackfillChunks({ backfillId, indexes: run });
          if (r.stopped) stopped = true;
          // Ended early: what it did not do is queued again, in order (`nextChunk` below is the queue's first).
          else if (r.done < run.length) queue = [...run.slice(r.done), ...queue].sort((a, b) => a - b);
        } else {
          const r = await chunks.runBackfillChunk({ backfillId, index: run[0]! });
          if (r.outcome === 'stopped') stopped = true;
        }
      } catch (err) {
        if (isCancellation(err)) return;
        // A run fails only by its first chunk (activities/backfill.ts).
        failure ??= { chunk: run[0]!, ...describeFailure(err, 'chunk_failed') };
      }
    }
  };
  await Promise.all(Array.from({ length: settings.concurrency }, lane));

  if (root.consideredCancelled || stopped) return await cancelled();
  if (failure) {
    await quick.finishBackfill({ backfillId, outcome: 'failed', failure });
    throw ApplicationFailure.nonRetryable(`chunk ${failure.chunk} failed: ${failure.message}`, failure.code);
  }
  if (queue.length || more) {
    return continueAsNew<typeof backfillWorkflow>({ ...input, nextChunk: queue.length ? queue[0]! : lastPlanned + 1, run: input.run + 1 });
  }
  const status = await quick.finishBackfill({ backfillId, outcome: 'succeeded' });
  return { status, runs: input.run };
}
