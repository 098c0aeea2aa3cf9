// The sync lifecycle of a connector: what happens when it becomes connected, and keeping its Temporal
// schedule in line with its status.
import { findLiveConnector } from '../db/connectors.repository.ts';
import type { Db } from '../db/db.ts';
import { canSync } from '../lib/connector-rules.ts';
import type { Orchestrator } from './orchestrator.ts';
import { createScheduleService, type ScheduleConfig } from './schedules.ts';
import { createSyncService } from './sync.ts';

export interface Lifecycle {
  /** After a connector became connected (onboarding or re-authorization): ensure its schedule is active and start a first sync. */
  activate(connectorId: string, trigger: 'onboarding' | 'reauthorized'): Promise<{ syncRunId: string | null }>;
  /** Brings the connector's Temporal schedule in line with its status (paused while paused/oauth_expired, gone once deleted). */
  reconcile(connectorId: string): Promise<void>;
}

export function createLifecycle(deps: { db: Db; orchestrator: Orchestrator; config: ScheduleConfig }): Lifecycle {
  const schedules = createScheduleService(deps);
  const sync = createSyncService({ ...deps, schedules });
  return {
    async activate(connectorId, trigger) {
      await schedules.reconcile(connectorId);
      const c = await findLiveConnector(deps.db, connectorId);
      if (!c || !canSync(c.status)) return { syncRunId: null };
      const { syncRunId } = await sync.startSync(c, 'onboarding');
      return { syncRunId };
    },
    reconcile: (connectorId) => schedules.reconcile(connectorId),
  };
}
