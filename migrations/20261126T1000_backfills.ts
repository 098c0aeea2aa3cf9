// Historical backfills: one row per backfill (one active per connector, enforced here), one row per chunk,
// and the per-connector rate-limit gate that syncs and backfills both respect.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('backfills')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('connector_id', 'text', (c) => c.notNull().references('connectors.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued','running','succeeded','failed','cancelled')`))
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('window_end', 'timestamptz', (c) => c.notNull())
    .addColumn('chunk', 'text', (c) => c.notNull())
    .addColumn('chunk_seconds', 'integer', (c) => c.notNull())
    .addColumn('chunks_total', 'integer', (c) => c.notNull())
    .addColumn('concurrency', 'integer', (c) => c.notNull())
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    .addColumn('workflow_runs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'jsonb')
    .addColumn('cancel_requested_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('backfills_connector_idx').on('backfills').columns(['connector_id', 'id']).execute();
  // At most one active backfill per connector.
  await sql`create unique index backfills_one_active on backfills (connector_id) where status in ('queued','running')`.execute(db);

  await db.schema
    .createTable('backfill_chunks')
    .addColumn('backfill_id', 'text', (c) => c.notNull().references('backfills.id').onDelete('cascade'))
    .addColumn('index', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('window_end', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending','running','done','failed')`))
    .addColumn('kind_index', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('page_cursor', 'text')
    .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('records', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('records_inserted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('records_updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reused_from', 'text')
    .addColumn('error', 'jsonb')
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addPrimaryKeyConstraint('backfill_chunks_pk', ['backfill_id', 'index'])
    .execute();
  await db.schema.createIndex('backfill_chunks_window_idx').on('backfill_chunks').columns(['window_start', 'window_end']).execute();

  await db.schema
    .createTable('provider_rate_limits')
    .addColumn('connector_id', 'text', (c) => c.primaryKey().references('connectors.id').onDelete('cascade'))
    .addColumn('not_before', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('provider_rate_limits').ifExists().execute();
  await db.schema.dropTable('backfill_chunks').ifExists().execute();
  await db.schema.dropTable('backfills').ifExists().execute();
}
