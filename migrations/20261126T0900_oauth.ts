// OAuth authorization attempts: one row per authorize call, found by the hash of its state.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('oauth_states')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('state_hash', 'text', (c) => c.notNull().unique())
    .addColumn('connector_id', 'text', (c) => c.notNull().references('connectors.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('return_url', 'text')
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('code_verifier_enc', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('consumed_at', 'timestamptz')
    .addColumn('invalidated_at', 'timestamptz')
    .addColumn('invalidated_reason', 'text', (c) => c.check(sql`invalidated_reason in ('superseded','expired','connector_deleted')`))
    .addColumn('code_enc', 'text')
    .addColumn('error', 'text')
    .addColumn('error_description', 'text')
    .addColumn('exchanged_at', 'timestamptz')
    .addColumn('outcome', 'text')
    .addColumn('activate_trigger', 'text')
    .execute();
  await db.schema.createIndex('oauth_states_connector_idx').on('oauth_states').columns(['connector_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('oauth_states').ifExists().execute();
}
