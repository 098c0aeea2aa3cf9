// Bring your own OAuth app: a workspace's client credentials per OAuth provider type, and which app
// authorized each connector (and each authorization attempt), so a replaced app is detected at refresh.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('oauth_apps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_secret_enc', 'text', (c) => c.notNull())
    .addColumn('scopes', sql`text[]`)
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('oauth_apps_workspace_type', ['workspace_id', 'type'])
    .execute();
  await db.schema.alterTable('connectors').addColumn('oauth_app_ref', 'text').execute();
  await db.schema.alterTable('oauth_states').addColumn('oauth_app_ref', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('oauth_states').dropColumn('oauth_app_ref').execute();
  await db.schema.alterTable('connectors').dropColumn('oauth_app_ref').execute();
  await db.schema.dropTable('oauth_apps').ifExists().execute();
}
