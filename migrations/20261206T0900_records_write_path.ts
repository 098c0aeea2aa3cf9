// The records write path without per-row foreign-key checks. `records.connector_id → connectors` and
// `record_changes.batch_id → change_batches` each made PostgreSQL run one lookup (and, for records, take a key-share
// lock on the connector row) for every row a sync inserted: ~20% of its CPU for a page of new records (README ›
// Benchmarks › ingest). Both relations are kept by the only code that writes them, services/records.ts: a change
// batch's rows and its batch row are written in one transaction (the batch row by its last statement), and records
// are written only by a sync or backfill of a connector that exists. Nothing cascades to them any more, so the purge
// of a deleted connector removes its records, then its change history, a bounded batch at a time, before its row
// (services/retention.ts). `change_batches.connector_id → connectors` stays: one row per batch costs nothing.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table records drop constraint records_connector_id_fkey`.execute(db);
  await sql`alter table record_changes drop constraint record_changes_batch_id_fkey`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // Rows the constraints would refuse (none unless something wrote around services/records.ts) go first.
  await sql`delete from record_changes c where not exists (select 1 from change_batches b where b.id = c.batch_id)`.execute(db);
  await sql`delete from records r where not exists (select 1 from connectors c where c.id = r.connector_id)`.execute(db);
  await sql`alter table record_changes add constraint record_changes_batch_id_fkey foreign key (batch_id) references change_batches (id) on delete cascade deferrable initially deferred`.execute(db);
  await sql`alter table records add constraint records_connector_id_fkey foreign key (connector_id) references connectors (id) on delete cascade`.execute(db);
}
