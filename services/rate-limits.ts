// The per-connector rate-limit gate shared by syncs and backfills: after a provider 429 with Retry-After,
// no activity of that connector calls the provider again before `not_before` (whichever worker it runs on).
import { sql } from 'kysely';
import type { DbOrTx } from '../db/db.ts';

/** Records that the provider asked this connector to wait `retryAfterMs`; a later gate never moves earlier. */
export async function noteRateLimited(db: DbOrTx, connectorId: string, retryAfterMs: number | undefined, now = Date.now()): Promise<void> {
  const notBefore = new Date(now + Math.max(retryAfterMs ?? 1000, 1));
  await sql`
    insert into provider_rate_limits (connector_id, not_before) values (${connectorId}, ${notBefore})
    on conflict (connector_id) do update set not_before = greatest(provider_rate_limits.not_before, excluded.not_before), updated_at = now()`.execute(db);
}

/** Milliseconds to wait before the connector may call its provider again (0 when it may now). */
export async function rateLimitWaitMs(db: DbOrTx, connectorId: string, now = Date.now()): Promise<number> {
  const row = await db.selectFrom('provider_rate_limits').select('not_before').where('connector_id', '=', connectorId).executeTakeFirst();
  return row ? Math.max(0, new Date(row.not_before).getTime() - now) : 0;
}
