// A schedule whose ticks stopped running shows it: `overdue_since` (set by the reconciler's periodic check, cleared
// by the next tick), and the connector's status reason before it was marked, restored when the tick comes.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('connector_schedules')
    .addColumn('overdue_since', 'timestamptz')
    .addColumn('overdue_prev_reason', 'text')
    .addColumn('overdue_prev_message', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('connector_schedules').dropColumn('overdue_since').dropColumn('overdue_prev_reason').dropColumn('overdue_prev_message').execute();
}
