// Retention: one batch of one target at a time, each a short statement over an index, oldest rows first. Only
// finished things go: pending deliveries, undispatched events and running syncs are never touched.
import { sql } from 'kysely';
import { connectorDeletedBefore } from '../db/connectors.repository.ts';
import type { Db } from '../db/db.ts';
import type { RetentionTarget } from '../contracts/workflows.ts';

export interface PruneBatch {
  removed: number;
  /** More may be left: run another batch. */
  more: boolean;
}

const count = (r: { numAffectedRows?: bigint }) => Number(r.numAffectedRows ?? 0n);

/** Removes up to `batchSize` rows of `target` older than `cutoff` (for deleted connectors: deleted before it). */
export async function pruneBatch(db: Db, target: RetentionTarget, cutoff: Date, batchSize: number): Promise<PruneBatch> {
  if (target === 'deleted_connectors') return purgeDeletedConnector(db, cutoff, batchSize);
  const statement = {
    // Finished deliveries, with their attempts (cascade).
    webhook_deliveries: sql`delete from webhook_deliveries where id in (
      select id from webhook_deliveries where status in ('delivered', 'failed') and finished_at < ${cutoff} order by finished_at limit ${batchSize})`,
    // Dispatched events no delivery refers to any more (an event lives at least as long as its deliveries).
    events: sql`delete from events where id in (
      select e.id from events e where e.dispatched_at is not null and e.created_at < ${cutoff}
        and not exists (select 1 from webhook_deliveries d where d.event_id = e.id)
      order by e.created_at limit ${batchSize})`,
    idempotency_keys: sql`delete from idempotency_keys where ctid in (
      select ctid from idempotency_keys where created_at < ${cutoff} order by created_at limit ${batchSize})`,
    // The run stays (counts, window, status); its log lines go.
    sync_run_logs: sql`update sync_runs set log = '[]'::jsonb where id in (
      select id from sync_runs where finished_at < ${cutoff} and log <> '[]'::jsonb order by finished_at limit ${batchSize})`,
    // A tick that found a sync running (or the connector paused) leaves a `skipped` row; they go sooner than runs.
    skipped_runs: sql`delete from sync_runs where id in (
      select id from sync_runs where status = 'skipped' and finished_at < ${cutoff} order by finished_at limit ${batchSize})`,
    // Finished runs, except each connector's newest one (so "last sync" stays answerable).
    sync_runs: sql`delete from sync_runs where id in (
      select r.id from sync_runs r where r.finished_at < ${cutoff} and r.status in ('succeeded', 'failed', 'cancelled', 'skipped')
        and exists (select 1 from sync_runs newer where newer.connector_id = r.connector_id and newer.id > r.id)
      order by r.finished_at limit ${batchSize})`,
  }[target];
  const removed = count(await statement.execute(db));
  return { removed, more: removed >= batchSize };
}

/**
 * A connector deleted before `cutoff` (its grace period is over): its records go in batches, then its change history
 * (whole change batches, as many as fit in `batchSize` change rows, at least one), then the row itself, which takes
 * the rest of its rows with it (runs, status history, schedule, backfills, OAuth states — all cascade). Records and
 * change rows have no foreign key to cascade along (migrations/20261206T0900_records_write_path.ts): this is how they go.
 * Counts records and change rows removed, and the connector's row.
 */
async function purgeDeletedConnector(db: Db, cutoff: Date, batchSize: number): Promise<PruneBatch> {
  const id = await connectorDeletedBefore(db, cutoff);
  if (!id) return { removed: 0, more: false };
  // Naming the connector in the outer statement too lets PostgreSQL prune to its one partition (records are hashed by connector).
  const records = count(await sql`delete from records where connector_id = ${id} and id in (
    select id from records where connector_id = ${id} limit ${batchSize})`.execute(db));
  if (records > 0) return { removed: records, more: true };
  // A batch's change rows and its batch row go together, so the feed never shows part of a batch. Every batch has at
  // least one row, so the oldest `batchSize` batches are all that can fit: the statement reads no more than those.
  const history = await sql<{ changes: number; batches: number }>`
    with oldest as (
      select id, seq, changes from change_batches where connector_id = ${id} order by seq limit ${batchSize}
    ), doomed as (
      select id from (
        select id, row_number() over w as n, sum(changes) over w as upto from oldest window w as (order by seq)
      ) b where n = 1 or upto <= ${batchSize}
    ), rows as (
      delete from record_changes where batch_id in (select id from doomed) returning 1
    ), batches as (
      delete from change_batches where id in (select id from doomed) returning 1
    )
    select (select count(*) from rows)::int as changes, (select count(*) from batches)::int as batches`.execute(db);
  const { changes, batches } = history.rows[0]!;
  if (batches > 0) return { removed: changes, more: true };
  await db.deleteFrom('connectors').where('id', '=', id).where('deleted_at', '<', cutoff).execute();
  return { removed: 1, more: true };
}
