// The sync lifecycle of a connector: what happens when it becomes connected, and keeping its Temporal
// schedule in line with its status.
import { findLiveConnector } from '../db/connectors.repository.ts';
import type { Db } from '../db/db.ts';
import { canSync } from '../lib/connector-rules.ts';
import { createConvergence, type ConvergenceConfig } from './convergence.ts';
import type { Orchestrator } from './orchestrator.ts';
import { createSyncService } from './sync.ts';
import { cancelUnstarted } from './sync-runs.ts';

export interface Lifecycle {
  /**
   * After a connector became connected (onboarding or re-authorization): ensure its schedule is active and start a
   * first sync — `claimed`, when the caller already claimed it (its workflow is started now, once however often this
   * is retried); a connector that can no longer sync by now gets that run cancelled instead.
   */
  activate(connectorId: string, trigger: 'onboarding' | 'reauthorized', claimed?: string): Promise<{ syncRunId: string | null }>;
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
    async activate(connectorId, _trigger, claimed) {
      await convergence.converge(connectorId);
      const c = await findLiveConnector(deps.db, connectorId);
      if (claimed) {
        if (c && canSync(c.status)) {
          await deps.orchestrator.startSync(c, claimed);
          return { syncRunId: claimed };
        }
        // Paused (or expired, or deleted) after the onboarding answered and before this: the run never starts.
        await cancelUnstarted(deps.db, claimed, `cancelled before it started: the connector is ${c?.status ?? 'deleted'}`);
        return { syncRunId: null };
      }
      if (!c || !canSync(c.status)) return { syncRunId: null };
      const { syncRunId } = await sync.startSync(c, 'onboarding');
      return { syncRunId };
    },
    reconcile: async (connectorId) => {
      await convergence.converge(connectorId, 0).catch(() => undefined);
    },
  };
}
