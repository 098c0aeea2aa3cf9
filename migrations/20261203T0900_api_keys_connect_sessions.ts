// API keys a workspace manages itself (name, optional expiry), and connect sessions: short-lived, single-purpose
// tokens that let one browser complete one connection.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('api_keys')
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('expires_at', 'timestamptz')
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('api_keys_workspace_idx').on('api_keys').columns(['workspace_id', 'id']).execute();

  await db.schema
    .createTable('connect_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('connector_type', 'text')
    // Given at creation (connect this one), or set once by the session's own POST /connectors; purged with it (retention).
    .addColumn('connector_id', 'text', (c) => c.references('connectors.id').onDelete('cascade'))
    .addColumn('end_user', 'jsonb')
    .addColumn('allowed_origins', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    // Set by the first request that finds its connector connected: the token answers 401 from then on.
    .addColumn('used_at', 'timestamptz')
    .execute();
  // CORS preflights look for a recent session naming an origin.
  await db.schema.createIndex('connect_sessions_expires_idx').on('connect_sessions').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('connect_sessions').ifExists().execute();
  await db.schema.dropIndex('api_keys_workspace_idx').ifExists().execute();
  await db.schema.alterTable('api_keys').dropColumn('created_by').dropColumn('expires_at').dropColumn('name').execute();
}
