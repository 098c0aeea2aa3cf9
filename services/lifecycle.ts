// The sync lifecycle of a connector: what happens when it becomes connected, and keeping its Temporal
// schedule in line with its status.
import { findLiveConnector } from '../db/connectors.repository.ts';
import type { Db } from '../db/db.ts';
import { canSync } from '../lib/connector-rules.ts';
import { createConvergence, type ConvergenceConfig } from './convergence.ts';
import type { Orchestrator } from './orchestrator.ts';
import { createSyncService } from './sync.ts';

export interface Lifecycle {
  /** After a connector became connected (onboarding or re-authorization): ensure its schedule is active and start a first sync. */
  activate(connectorId: string, trigger: 'onboarding' | 'reauthorized'): Promise<{ syncRunId: string | null }>;
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
    async activate(connectorId) {
      // The schedule and the first sync do not wait for each other: both at once (the onboarding answers after
      // both). Each is idempotent, so a retry after either failed does again only what is missing.
      const [schedule, first] = await Promise.allSettled([
        convergence.converge(connectorId),
        (async () => {
          const c = await findLiveConnector(deps.db, connectorId);
          return c && canSync(c.status) ? (await sync.startSync(c, 'onboarding')).syncRunId : null;
        })(),
      ]);
      if (schedule.status === 'rejected') throw schedule.reason;
      if (first.status === 'rejected') throw first.reason;
      return { syncRunId: first.value };
    },
    reconcile: async (connectorId) => {
      await convergence.converge(connectorId, 0).catch(() => undefined);
    },
  };
}
