// Convergence with Temporal and conditional writes: a desired-state version per connector schedule and the
// version applied to Temporal (with a lease so one process applies it at a time), one row per connector;
// scheduled ticks claimed once (`tick_id`); candidate credentials named by the attempt that stored them.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A row with neither interval nor cron means "the default interval".
  await sql`alter table connector_schedules drop constraint schedule_one_kind`.execute(db);
  await sql`alter table connector_schedules add constraint schedule_at_most_one_kind check (not (interval_minutes is not null and cron is not null))`.execute(db);
  await db.schema
    .alterTable('connector_schedules')
    .addColumn('desired_version', 'bigint', (c) => c.notNull().defaultTo(1))
    .addColumn('applied_version', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('applied_at', 'timestamptz')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .execute();
  await sql`insert into connector_schedules (connector_id) select id from connectors c where not exists (select 1 from connector_schedules s where s.connector_id = c.id)`.execute(db);
  // A live pending connector has no schedule and needs none; everything else converges once.
  await sql`update connector_schedules s set applied_version = desired_version from connectors c where c.id = s.connector_id and c.status = 'pending' and c.deleted_at is null`.execute(db);
  await sql`create index connector_schedules_unapplied on connector_schedules (next_attempt_at) where applied_version < desired_version`.execute(db);

  await db.schema.alterTable('sync_runs').addColumn('tick_id', 'text').execute();
  await sql`create unique index sync_runs_tick on sync_runs (tick_id) where tick_id is not null`.execute(db);

  await db.schema.alterTable('connectors').addColumn('candidate_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('connectors').dropColumn('candidate_id').execute();
  await sql`drop index if exists sync_runs_tick`.execute(db);
  await db.schema.alterTable('sync_runs').dropColumn('tick_id').execute();
  await sql`drop index if exists connector_schedules_unapplied`.execute(db);
  for (const c of ['desired_version', 'applied_version', 'applied_at', 'lease_owner', 'lease_until', 'attempts', 'next_attempt_at', 'last_error']) {
    await db.schema.alterTable('connector_schedules').dropColumn(c).execute();
  }
  await sql`delete from connector_schedules where interval_minutes is null and cron is null`.execute(db);
  await sql`alter table connector_schedules drop constraint schedule_at_most_one_kind`.execute(db);
  await sql`alter table connector_schedules add constraint schedule_one_kind check ((interval_minutes is not null) <> (cron is not null))`.execute(db);
}
