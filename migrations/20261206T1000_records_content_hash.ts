// Each record keeps a digest of the content it was last written with (`content_hash`, SHA-256 of the writer's own
// JSON of the record), so that a re-read the connector already holds, identical, is recognised by one index lookup
// and not sent through the upsert, whose ON CONFLICT locks — and so writes — every row it finds, changed or not
// (services/records.ts). Existing rows have none (NULL) and take the upsert as before, until their next real change.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('records').addColumn('content_hash', 'bytea').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('records').dropColumn('content_hash').execute();
}
