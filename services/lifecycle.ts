// The sync lifecycle of a connector: what happens when it becomes connected, and keeping its Temporal
// schedule in line with its status.
import { findLiveConnector } from '../db/connectors.repository.ts';
import type { Db } from '../db/db.ts';
import { canSync } from '../lib/connector-rules.ts';
import { createConvergence, type ConvergenceConfig } from './convergence.ts';
import type { Orchestrator } from './orchestrator.ts';
import { createSyncService } from './sync.ts';

export interface Lifecycle {
  /**
   * After a connector became connected (onboarding or re-authorization): ensure its schedule is active and start a first
   * sync — one per `candidateId` (the credentials or OAuth attempt that connected it): run again, it returns that run.
   */
  activate(connectorId: string, trigger: 'onboarding' | 'reauthorized', candidateId?: string): Promise<{ syncRunId: string | null }>;
  /**
   * Brings the connector's Temporal schedule in line with its status now, best effort (paused while
   * paused/oauth_expired, gone once deleted); whatever fails the reconciler retries. Never throws.
   */
  reconcile(connectorId: string): Promise<void>;
}

export function createLifecycle(deps: { db: Db; orchestrator: Orchestrator; config: ConvergenceConfig }): Lifecycle {
  const convergence = createConvergence(deps);
  const sync = createSyncService({ ...deps, convergence });
  return {
    async activate(connectorId, trigger, candidateId) {
      // The schedule and the first sync do not wait for each other: each is its own Temporal call (a schedule's
      // first tick is a spread offset away, and one sync at a time is the run claim's, in PostgreSQL).
      const firstSync = async () => {
        const c = await findLiveConnector(deps.db, connectorId);
        if (!c || !canSync(c.status)) return null;
        return (await sync.startSync(c, 'onboarding', candidateId === undefined ? undefined : `${trigger}/${candidateId}`)).syncRunId;
      };
      const [, syncRunId] = await Promise.all([convergence.converge(connectorId), firstSync()]);
      return { syncRunId };
    },
    reconcile: async (connectorId) => {
      await convergence.converge(connectorId, 0).catch(() => undefined);
    },
  };
}
