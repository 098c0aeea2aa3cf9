// API edge: Idempotency-Key leases and secret-free outcomes (keys expire after 24 h), and the API rate-limit
// counters shared by every API process.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('idempotency_keys')
    // While the first request runs it holds a lease, renewed as it goes; a lapsed lease (a crashed process) frees the key.
    .addColumn('locked_until', 'timestamptz')
    // The first response carried a secret: only its status and the resource it made are kept, never its body.
    .addColumn('secret_withheld', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('resource_id', 'text')
    .execute();
  // (Expired keys are found through idempotency_keys_created_idx, made by the retention migration.)

  await db.schema
    .createTable('api_rate_counters')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('api_rate_counters_pk', ['bucket', 'window_start'])
    .execute();
  // Counters are small, hot and disposable: no WAL for them (a crash only forgets recent counts).
  await sql`alter table api_rate_counters set unlogged`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_rate_counters').ifExists().execute();
  await db.schema.alterTable('idempotency_keys').dropColumn('resource_id').dropColumn('secret_withheld').dropColumn('locked_until').execute();
}
