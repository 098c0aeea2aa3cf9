// The transactional outbox: events are written in the same transaction as the change they describe. Each event
// type's data is typed here (`EventData`); the OpenAPI document describes the same shapes under `webhooks`
// (api/webhook-events.ts checks that they match).
import { findConnector } from '../db/connectors.repository.ts';
import type { DbOrTx } from '../db/db.ts';
import type { BackfillError, BackfillStatus, ConnectorStatus, EventType, SyncTrigger } from '../db/schema.ts';
import { newId } from '../lib/ids.ts';
import type { ChangesRange } from './changes.ts';

export interface ConnectorRef {
  id: string;
  type: string;
  name: string;
  workspace_id: string;
}

/** How many records a run or backfill read, and what they did to the stored ones. */
export interface RecordCounts {
  records_fetched: number;
  records_added: number;
  records_updated: number;
  records_unchanged: number;
  records_deleted: number;
}

type Window = { start: string; end: string };

/** Each event type's `data`, without the `connector` every connector event carries. */
export interface EventData {
  'connector.created': { status: 'pending' };
  'connector.status_changed': { from: ConnectorStatus; to: ConnectorStatus; reason: string; message: string | null };
  'connector.deleted': { status: ConnectorStatus };
  'sync_run.succeeded': { sync_run: SyncRunEvent };
  'sync_run.failed': { sync_run: SyncRunEvent };
  'records.changed': RecordCounts & { source: { type: 'sync_run' | 'backfill'; id: string }; changes: ChangesRange };
  'backfill.succeeded': { backfill: BackfillEvent };
  'backfill.failed': { backfill: BackfillEvent };
  'backfill.cancelled': { backfill: BackfillEvent };
  'webhook_endpoint.disabled': { webhook: { id: string; url: string }; reason: string };
  ping: { webhook: { id: string } };
}

export interface SyncRunEvent extends RecordCounts {
  id: string;
  trigger: SyncTrigger;
  pages: number;
  window: Window | null;
  changes: ChangesRange | null;
  error: { code: string; message: string } | null;
}

export interface BackfillEvent {
  id: string;
  status: BackfillStatus;
  window: Window;
  chunks_total: number;
  records: number;
  records_added: number;
  records_updated: number;
  records_unchanged: number;
  records_deleted: number;
  changes: ChangesRange | null;
  error: BackfillError | null;
}

/** Events about one connector carry it; the others do not. */
export type ConnectorEventType = Exclude<EventType, 'webhook_endpoint.disabled' | 'ping'>;

/** What an event's `data` is, as delivered. */
export type EventPayload<T extends EventType> = T extends ConnectorEventType ? { connector: { id: string; type: string; name: string } } & EventData[T] : EventData[T];

/** Records an event (delivered later by the outbox relay). Call it inside the change's transaction. */
export async function emitEvent<T extends EventType>(db: DbOrTx, type: T, workspaceId: string, data: EventData[T], connector?: ConnectorRef): Promise<string> {
  const id = newId('evt');
  const payload = {
    ...(connector ? { connector: { id: connector.id, type: connector.type, name: connector.name } } : {}),
    ...data,
  };
  await db.insertInto('events').values({ id, workspace_id: workspaceId, type, connector_id: connector?.id ?? null, payload: JSON.stringify(payload) }).execute();
  return id;
}

export async function emitConnectorEvent<T extends ConnectorEventType>(db: DbOrTx, type: T, connectorId: string, data: EventData[T]): Promise<void> {
  const c = await findConnector(db, connectorId);
  if (c) await emitEvent(db, type, c.workspace_id, data, c);
}
