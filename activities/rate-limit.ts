// Waiting out the per-connector rate-limit gate inside an activity: heartbeating, and stopping at once on cancellation.
import { heartbeat, sleep } from '@temporalio/activity';
import type { DbOrTx } from '../db/db.ts';
import { rateLimitWaitMs } from '../services/rate-limits.ts';

/** Sleeps until `notBefore` (epoch ms), heartbeating `details` every second so the activity stays alive. */
export async function sleepUntil(notBefore: number, details?: unknown, now: () => number = Date.now): Promise<void> {
  for (let wait = notBefore - now(); wait > 0; wait = notBefore - now()) {
    heartbeat(details);
    await sleep(Math.min(wait, 1000));
  }
}

/** Before calling the provider: waits while another sync or backfill of the connector was told to back off. */
export async function waitForRateLimit(db: DbOrTx, connectorId: string, details?: unknown): Promise<void> {
  const wait = await rateLimitWaitMs(db, connectorId);
  if (wait > 0) await sleepUntil(Date.now() + wait, details);
}
