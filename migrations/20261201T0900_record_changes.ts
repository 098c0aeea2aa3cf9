// Records that keep their history: a version that grows only on real change, tombstones, and the change log
// behind the changes feed (change rows grouped in batches; a batch gets its feed position at commit time).
// Run and backfill counters become added/updated/unchanged/deleted; connectors get a (non-secret) config.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table records rename column updated_at to last_changed_at`.execute(db);
  await db.schema
    .alterTable('records')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  // Listing tombstones ("no longer present in a complete listing of this window") and `?since=` read by occurrence.
  await db.schema.createIndex('records_connector_kind_occurred_idx').on('records').columns(['connector_id', 'kind', 'occurred_at']).execute();

  // One row per workspace: the last feed position handed out. Its row lock is taken as the last statement of a
  // writing transaction and held until that transaction commits, so positions are assigned in commit order.
  await db.schema
    .createTable('change_counters')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .execute();
  await sql`create sequence change_batch_ids`.execute(db);
  await db.schema
    .createTable('change_batches')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('connector_id', 'text', (c) => c.notNull().references('connectors.id').onDelete('cascade'))
    .addColumn('source_type', 'text', (c) => c.notNull().check(sql`source_type in ('sync_run','backfill')`))
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('changes', 'integer', (c) => c.notNull())
    .addColumn('committed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addUniqueConstraint('change_batches_position', ['workspace_id', 'seq'])
    .execute();
  await db.schema.createIndex('change_batches_connector_idx').on('change_batches').columns(['connector_id', 'seq']).execute();
  await db.schema.createIndex('change_batches_source_idx').on('change_batches').columns(['source_id', 'seq']).execute();
  // The change rows are written before their batch row (which only exists once the batch commits): the FK is deferred.
  await sql`
    create table record_changes (
      batch_id bigint not null references change_batches (id) on delete cascade deferrable initially deferred,
      ordinal integer not null,
      record_id bigint not null,
      kind text not null,
      external_id text not null,
      action text not null check (action in ('added','updated','deleted')),
      version integer not null,
      changed_at timestamptz not null,
      occurred_at timestamptz not null,
      title text not null,
      url text,
      raw jsonb not null,
      deleted_at timestamptz,
      primary key (batch_id, ordinal)
    )`.execute(db);

  // Runs and backfill chunks count added/updated/unchanged/deleted (`records_inserted` becomes `records_added`).
  for (const table of ['sync_runs', 'backfill_chunks']) {
    await sql`alter table ${sql.table(table)} rename column records_inserted to records_added`.execute(db);
    await db.schema
      .alterTable(table)
      .addColumn('records_unchanged', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('records_deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }

  await db.schema.alterTable('connectors').addColumn('config', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('connectors').dropColumn('config').execute();
  for (const table of ['backfill_chunks', 'sync_runs']) {
    await db.schema.alterTable(table).dropColumn('records_unchanged').dropColumn('records_deleted').execute();
    await sql`alter table ${sql.table(table)} rename column records_added to records_inserted`.execute(db);
  }
  await db.schema.dropTable('record_changes').ifExists().execute();
  await db.schema.dropTable('change_batches').ifExists().execute();
  await sql`drop sequence if exists change_batch_ids`.execute(db);
  await db.schema.dropTable('change_counters').ifExists().execute();
  await db.schema.dropIndex('records_connector_kind_occurred_idx').ifExists().execute();
  await db.schema.alterTable('records').dropColumn('version').dropColumn('deleted_at').execute();
  await sql`alter table records rename column last_changed_at to updated_at`.execute(db);
}
