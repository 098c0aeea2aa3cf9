// Indexes for retention: each prune batch finds its oldest rows through one of these instead of scanning a table.
import { sql, type Kysely } from 'kysely';

const INDEXES: Array<[string, string]> = [
  ['deliveries_finished_retention', `webhook_deliveries (finished_at) where status in ('delivered', 'failed')`],
  ['deliveries_event_idx', 'webhook_deliveries (event_id)'],
  ['events_dispatched_retention', 'events (created_at) where dispatched_at is not null'],
  ['idempotency_keys_created_idx', 'idempotency_keys (created_at)'],
  ['sync_runs_finished_idx', 'sync_runs (finished_at)'],
  ['sync_runs_logs_retention', `sync_runs (finished_at) where log <> '[]'::jsonb`],
  ['sync_runs_skipped_retention', `sync_runs (finished_at) where status = 'skipped'`],
  ['connectors_deleted_idx', 'connectors (deleted_at) where deleted_at is not null'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, on] of INDEXES) await sql.raw(`create index if not exists ${name} on ${on}`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await sql.raw(`drop index if exists ${name}`).execute(db);
}
