// The transactional outbox: events are written in the same transaction as the change they describe.
import { findConnector } from '../db/connectors.repository.ts';
import type { DbOrTx } from '../db/db.ts';
import type { EventType } from '../db/schema.ts';
import { newId } from '../lib/ids.ts';

export interface ConnectorRef {
  id: string;
  type: string;
  name: string;
  workspace_id: string;
}

/** Records an event (delivered later by the outbox relay). Call it inside the change's transaction. */
export async function emitEvent(db: DbOrTx, type: EventType, workspaceId: string, data: Record<string, unknown>, connector?: ConnectorRef): Promise<string> {
  const id = newId('evt');
  const payload = {
    ...(connector ? { connector: { id: connector.id, type: connector.type, name: connector.name } } : {}),
    ...data,
  };
  await db.insertInto('events').values({ id, workspace_id: workspaceId, type, connector_id: connector?.id ?? null, payload: JSON.stringify(payload) }).execute();
  return id;
}

export async function emitConnectorEvent(db: DbOrTx, type: EventType, connectorId: string, data: Record<string, unknown>): Promise<void> {
  const c = await findConnector(db, connectorId);
  if (c) await emitEvent(db, type, c.workspace_id, data, c);
}
