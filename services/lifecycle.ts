// The sync lifecycle of a connector: what happens when it becomes connected, and keeping its Temporal
// schedule in line with its status. (Implemented by the recurring-sync work.)
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
