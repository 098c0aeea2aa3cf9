// The connector status machine: allowed transitions, and one function that records every change with its reason.
import type { UpdateObject } from 'kysely';
import { lockConnector, updateConnector } from '../db/connectors.repository.ts';
import type { DbOrTx } from '../db/db.ts';
import { bumpDesiredVersion } from '../db/schedules.repository.ts';
import type { ConnectorRow, ConnectorStatus, Database } from '../db/schema.ts';
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

export interface TransitionOptions {
  /** The connector's row, already locked by the caller's transaction (saves locking it again). */
  locked?: ConnectorRow;
  /**
   * Columns the caller changes in the same statement as the status (whether or not the status changes; not on a
   * deleted connector); as a function, of whether the status changes.
   */
  also?: UpdateObject<Database, 'connectors'> | ((changes: boolean) => UpdateObject<Database, 'connectors'>);
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
  opts: TransitionOptions = {},
): Promise<TransitionResult> {
  const alsoFor = (changes: boolean) => (typeof opts.also === 'function' ? opts.also(changes) : (opts.also ?? {}));
  const run = async (tx: DbOrTx): Promise<TransitionResult> => {
    const row = opts.locked ?? (await lockConnector(tx, connectorId));
    if (!row || row.deleted_at) return { changed: false, from: null, to };
    const from = row.status;
    if (from === to) {
      await updateConnector(tx, connectorId, { ...alsoFor(false), status_reason: reason, status_message: message, updated_at: new Date() });
      return { changed: false, from, to };
    }
    if (!canTransition(from, to) || (onlyFrom && !onlyFrom.includes(from))) {
      const also = alsoFor(false);
      if (Object.keys(also).length > 0) await updateConnector(tx, connectorId, also);
      return { changed: false, from, to: from };
    }
    const now = new Date();
    await updateConnector(tx, connectorId, { ...alsoFor(true), status: to, status_reason: reason, status_message: message, status_changed_at: now, updated_at: now });
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
