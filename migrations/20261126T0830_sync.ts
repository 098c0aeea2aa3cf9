// Recurring syncs: desired schedules, sync runs (one active per connector, enforced here), ingested records.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('connectors')
    .addColumn('sync_cursor', 'timestamptz')
    .addColumn('last_sync_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('connector_schedules')
    .addColumn('connector_id', 'text', (c) => c.primaryKey().references('connectors.id').onDelete('cascade'))
    .addColumn('interval_minutes', 'integer')
    .addColumn('cron', 'text')
    .addColumn('timezone', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('schedule_one_kind', sql`(interval_minutes is not null) <> (cron is not null)`)
    .execute();

  await db.schema
    .createTable('sync_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('connector_id', 'text', (c) => c.notNull().references('connectors.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued','running','succeeded','failed','cancelled','skipped')`))
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('schedule','manual','onboarding')`))
    .addColumn('workflow_id', 'text')
    .addColumn('window_start', 'timestamptz')
    .addColumn('window_end', 'timestamptz')
    .addColumn('records_fetched', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('records_inserted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('records_updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress', 'jsonb')
    .addColumn('error', 'jsonb')
    .addColumn('log', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('sync_runs_connector_idx').on('sync_runs').columns(['connector_id', 'id']).execute();
  // At most one sync per connector at a time, whatever triggered it.
  await sql`create unique index sync_runs_one_active on sync_runs (connector_id) where status in ('queued','running')`.execute(db);

  await db.schema
    .createTable('records')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('connector_id', 'text', (c) => c.notNull().references('connectors.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('raw', 'jsonb', (c) => c.notNull())
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('records_identity', ['connector_id', 'kind', 'external_id'])
    .execute();
  await db.schema.createIndex('records_connector_id_idx').on('records').columns(['connector_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('records').ifExists().execute();
  await db.schema.dropTable('sync_runs').ifExists().execute();
  await db.schema.dropTable('connector_schedules').ifExists().execute();
  await db.schema.alterTable('connectors').dropColumn('sync_cursor').dropColumn('last_sync_at').execute();
}
