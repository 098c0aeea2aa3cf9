// Onboarding: test the connector's stored credentials, then mark it connected. Carries ids only, never secrets.
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { createConnectorActivities } from '../activities/connectors.ts';

type Activities = ReturnType<typeof createConnectorActivities>;

const { testConnection } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3, initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});
const { completeOnboarding, activateConnector } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

export interface OnboardingInput {
  connectorId: string;
  mode: 'api_key';
}

export interface OnboardingResult {
  success: boolean;
  latency_ms: number;
  error?: { code: string; message: string };
  status: string;
  first_sync_run_id?: string | null;
}

export async function onboardingWorkflow(input: OnboardingInput): Promise<OnboardingResult> {
  let test;
  try {
    test = await testConnection({ connectorId: input.connectorId, candidate: true });
  } catch (err) {
    const message = err instanceof ActivityFailure && err.cause ? err.cause.message : String(err);
    test = { success: false, latency_ms: 0, error: { code: 'provider_unavailable', message } };
  }
  const { status, becameConnected } = await completeOnboarding({ connectorId: input.connectorId, test });
  // Only a connector this onboarding connected gets its schedule and first sync (a re-key does not).
  const first = becameConnected ? await activateConnector({ connectorId: input.connectorId, trigger: 'onboarding' }) : undefined;
  return { ...test, status, first_sync_run_id: first?.syncRunId ?? null };
}

/** A one-off connection test of the connector's current credentials (`POST /connectors/{id}/test`). */
export async function connectionTestWorkflow(input: { connectorId: string }) {
  try {
    return await testConnection({ connectorId: input.connectorId, candidate: false });
  } catch (err) {
    const message = err instanceof ActivityFailure && err.cause ? err.cause.message : String(err);
    return { success: false, latency_ms: 0, error: { code: 'provider_unavailable', message } };
  }
}
