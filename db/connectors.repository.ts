// The connectors table: every query that reads a connector row lives here (find in a workspace with one
// 404, find a live one, lock one for update, list), so "live", "in this workspace" and the lock are written once.
import type { UpdateObject } from 'kysely';
import type { ConnectorRow, ConnectorStatus, Database, NewConnector } from './schema.ts';
import type { DbOrTx } from './db.ts';
import { notFound } from '../lib/errors.ts';

/** What workflows and search attributes need to know about a connector. */
export type ConnectorIdentity = Pick<ConnectorRow, 'id' | 'type' | 'workspace_id'>;

/** A live (not deleted) connector of the workspace; anything else — another workspace's, deleted, unknown — is one 404. */
export async function findConnectorInWorkspace(db: DbOrTx, workspaceId: string, id: string): Promise<ConnectorRow> {
  const row = await db.selectFrom('connectors').selectAll().where('id', '=', id).where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw notFound('connector', id);
  return row;
}

/** The workspace's connector even when deleted (to tell "deleted" from "unknown"); another workspace's is a 404. */
export async function findConnectorInWorkspaceWithDeleted(db: DbOrTx, workspaceId: string, id: string): Promise<ConnectorRow> {
  const row = await db.selectFrom('connectors').selectAll().where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!row) throw notFound('connector', id);
  return row;
}

/** The connector if it exists and is not deleted. */
export async function findLiveConnector(db: DbOrTx, id: string): Promise<ConnectorRow | undefined> {
  return db.selectFrom('connectors').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** The connector row whatever its state (deleted ones included). */
export async function findConnector(db: DbOrTx, id: string): Promise<ConnectorRow | undefined> {
  return db.selectFrom('connectors').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the row until the transaction ends (serialises status and credential changes); deleted rows too. */
export async function lockConnector(tx: DbOrTx, id: string): Promise<ConnectorRow | undefined> {
  return tx.selectFrom('connectors').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface ConnectorListQuery {
  limit: number;
  /** Only ids below this one (the decoded cursor). */
  beforeId?: string;
  status?: ConnectorStatus;
  type?: string;
}

/** Live connectors of the workspace, newest first, one more than `limit` (so the caller knows there is a next page). */
export async function listConnectors(db: DbOrTx, workspaceId: string, q: ConnectorListQuery): Promise<ConnectorRow[]> {
  let query = db.selectFrom('connectors').selectAll().where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null).orderBy('id', 'desc').limit(q.limit + 1);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.type) query = query.where('type', '=', q.type);
  if (q.beforeId) query = query.where('id', '<', q.beforeId);
  return query.execute();
}

/** Which of `ids` are live connectors of the workspace. */
export async function liveConnectorIds(db: DbOrTx, workspaceId: string, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('connectors').select('id').where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null).where('id', 'in', [...ids]).execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertConnector(db: DbOrTx, values: NewConnector): Promise<ConnectorRow> {
  return db.insertInto('connectors').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Updates the row. Nothing comes back: most writers need nothing, and the row carries its sealed credentials. */
export async function updateConnector(db: DbOrTx, id: string, set: UpdateObject<Database, 'connectors'>): Promise<void> {
  await db.updateTable('connectors').set(set).where('id', '=', id).execute();
}

/** Updates the row and returns it as changed, or undefined when it does not exist. */
export async function updateConnectorReturning(db: DbOrTx, id: string, set: UpdateObject<Database, 'connectors'>): Promise<ConnectorRow | undefined> {
  return db.updateTable('connectors').set(set).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Live connectors counted by type and status (the `tributary_connectors` gauge). */
export async function countConnectorsByTypeAndStatus(db: DbOrTx): Promise<Array<{ type: string; status: ConnectorStatus; n: number }>> {
  const rows = await db
    .selectFrom('connectors')
    .select((eb) => ['type', 'status', eb.fn.countAll<number>().as('n')])
    .where('deleted_at', 'is', null)
    .groupBy(['type', 'status'])
    .execute();
  return rows.map((r) => ({ type: r.type, status: r.status, n: Number(r.n) }));
}

/** The oldest connector deleted before `cutoff` (its grace period is over), for retention to purge; undefined when none. */
export async function connectorDeletedBefore(db: DbOrTx, cutoff: Date): Promise<string | undefined> {
  const row = await db.selectFrom('connectors').select('id').where('deleted_at', '<', cutoff).orderBy('deleted_at').limit(1).executeTakeFirst();
  return row?.id;
}
