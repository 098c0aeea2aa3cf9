// The outbox relay makes each new delivery's first attempt itself (under a lease) and starts a workflow only for
// retries: the lease column, and the partial index of deliveries waiting for it (delivered ones leave it).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('webhook_deliveries').addColumn('lease_until', 'timestamptz').execute();
  await sql`drop index if exists deliveries_unstarted`.execute(db);
  await sql`create index deliveries_unstarted on webhook_deliveries (id) where status = 'pending' and workflow_started = false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists deliveries_unstarted`.execute(db);
  await sql`create index deliveries_unstarted on webhook_deliveries (id) where workflow_started = false`.execute(db);
  await db.schema.alterTable('webhook_deliveries').dropColumn('lease_until').execute();
}
