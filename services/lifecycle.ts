// The sync lifecycle of a connector: what happens when it becomes connected, and keeping its Temporal
// schedule in line with its status.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/db.ts';
import { createScheduleService } from './schedules.ts';
import { createSyncService, type SyncConfig } from './sync.ts';

export interface Lifecycle {
  /** After a connector became connected (onboarding or re-authorization): ensure its schedule is active and start a first sync. */
  activate(connectorId: string, trigger: 'onboarding' | 'reauthorized'): Promise<{ syncRunId: string | null }>;
  /** Brings the connector's Temporal schedule in line with its status (paused while paused/oauth_expired, gone once deleted). */
  reconcile(connectorId: string): Promise<void>;
}

export const noopLifecycle: Lifecycle = {
  activate: async () => ({ syncRunId: null }),
  reconcile: async () => {},
};

export function createLifecycle(deps: { db: Db; temporal: Client; config: SyncConfig }): Lifecycle {
  const schedules = createScheduleService(deps);
  const sync = createSyncService({ ...deps, schedules });
  return {
    async activate(connectorId, trigger) {
      await schedules.reconcile(connectorId);
      const c = await deps.db.selectFrom('connectors').selectAll().where('id', '=', connectorId).where('deleted_at', 'is', null).executeTakeFirst();
      if (!c || (c.status !== 'connected' && c.status !== 'error')) return { syncRunId: null };
      const { syncRunId } = await sync.startSync(c, 'onboarding');
      return { syncRunId };
    },
    reconcile: (connectorId) => schedules.reconcile(connectorId),
  };
}
