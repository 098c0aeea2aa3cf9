// Retention activities: one batch per call, so the workflow decides when to go on and every batch is retried alone.
import type { RetentionTarget } from '../contracts/workflows.ts';
import type { Db } from '../db/db.ts';
import { retentionPruned } from '../lib/metrics.ts';
import { pruneBatch, type PruneBatch } from '../services/retention.ts';

export function createRetentionActivities(deps: { db: Db; now?: () => number }) {
  const now = deps.now ?? Date.now;
  return {
    async pruneBatch(input: { target: RetentionTarget; maxAgeSeconds: number; batchSize: number }): Promise<PruneBatch> {
      const result = await pruneBatch(deps.db, input.target, new Date(now() - input.maxAgeSeconds * 1000), input.batchSize);
      if (result.removed) retentionPruned.inc({ target: input.target }, result.removed);
      return result;
    },
  };
}

export type RetentionActivities = ReturnType<typeof createRetentionActivities>;
