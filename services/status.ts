// The connector status machine: allowed transitions, and one function that records every change with its reason.
import { lockConnector, updateConnector } from '../db/connectors.repository.ts';
import type { DbOrTx } from '../db/db.ts';
import { bumpDesiredVersion } from '../db/schedules.repository.ts';
import type { ConnectorStatus } from '../db/schema.ts';
import { scheduleState } from '../lib/connector-rules.ts';
import { newId } from '../lib/ids.ts';
import { emitEvent } from './events.ts';

const ALLOWED: Record<ConnectorStatus, readonly ConnectorStatus[]> = {
  pending: ['connected'],
  connected: ['error', 'paused', 'oauth_expired'],
  error: ['connected', 'paused', 'oauth_expired'],
  paused: ['connected'],
  oauth_expired: ['connected'],
};

export function canTransition(from: ConnectorStatus, to: ConnectorStatus): boolean {
  return ALLOWED[from].includes(to);
}

export interface TransitionResult {
  changed: boolean;
  from: ConnectorStatus | null;
  to: ConnectorStatus;
}

/**
 * Moves a connector to `to` if the machine allows it from its current status (or only from
 * `onlyFrom` when given), recording the reason. Same-status calls just refresh the reason.
 * A change that changes what Temporal should hold (no schedule / paused / active) bumps the schedule's
 * desired version in the same transaction, so Temporal converges to it (services/convergence.ts).
 * Runs in the caller's transaction when given one.
 */
export async function transitionStatus(
  db: DbOrTx,
  connectorId: string,
  to: ConnectorStatus,
  reason: string,
  message: string | null = null,
  onlyFrom?: readonly ConnectorStatus[],
): Promise<TransitionResult> {
  const run = async (tx: DbOrTx): Promise<TransitionResult> => {
    const row = await lockConnector(tx, connectorId);
    if (!row || row.deleted_at) return { changed: false, from: null, to };
    const from = row.status;
    if (from === to) {
      await updateConnector(tx, connectorId, { status_reason: reason, status_message: message, updated_at: new Date() });
      return { changed: false, from, to };
    }
    if (!canTransition(from, to) || (onlyFrom && !onlyFrom.includes(from))) return { changed: false, from, to: from };
    const now = new Date();
    await updateConnector(tx, connectorId, { status: to, status_reason: reason, status_message: message, status_changed_at: now, updated_at: now });
    await tx
      .insertInto('connector_status_changes')
      .values({ id: newId('sc'), connector_id: connectorId, from_status: from, to_status: to, reason, message })
      .execute();
    await emitEvent(tx, 'connector.status_changed', row.workspace_id, { from, to, reason, message }, row);
    if (scheduleState(row) !== scheduleState({ ...row, status: to })) await bumpDesiredVersion(tx, connectorId);
    return { changed: true, from, to };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
