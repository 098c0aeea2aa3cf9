// Ticks spread over the interval and missed ticks counted: the columns that count a connector's missed ticks, and
// one new desired version for every live schedule so the reconciler re-applies it once with its stable offset and a
// catch-up window of one interval (a one-time Temporal update per connector after upgrading).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('connector_schedules')
    .addColumn('last_tick_at', 'timestamptz')
    .addColumn('missed_ticks', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_missed_at', 'timestamptz')
    .execute();
  await sql`
    update connector_schedules s set desired_version = desired_version + 1, next_attempt_at = null, attempts = 0
    from connectors c where c.id = s.connector_id and c.status <> 'pending' and c.deleted_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['last_tick_at', 'missed_ticks', 'last_missed_at']) await db.schema.alterTable('connector_schedules').dropColumn(c).execute();
}
