// Onboarding: test the connector's stored credentials, then mark it connected. Carries ids only, never secrets.
import type { createConnectorActivities } from '../activities/connectors.ts';
import { describeFailure } from '../contracts/failures.ts';
import { controlActivities } from './queues.ts';
import type { ConnectionTestInput, ConnectionTestResult, OnboardingInput, OnboardingResult } from '../contracts/workflows.ts';

type Activities = ReturnType<typeof createConnectorActivities>;

const { testConnection } = controlActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3, initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});
const { completeOnboarding, activateConnector } = controlActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** A transient provider failure that outlived the test's retries is reported, not thrown. */
async function testOrUnavailable(connectorId: string, candidate: boolean, candidateId?: string): Promise<ConnectionTestResult> {
  try {
    return await testConnection({ connectorId, candidate, candidateId });
  } catch (err) {
    return { success: false, latency_ms: 0, error: { code: 'provider_unavailable', message: describeFailure(err, 'provider_unavailable').message } };
  }
}

export async function onboardingWorkflow(input: OnboardingInput): Promise<OnboardingResult> {
  const test = await testOrUnavailable(input.connectorId, true, input.candidateId);
  const { status, becameConnected } = await completeOnboarding({ connectorId: input.connectorId, test, candidateId: input.candidateId });
  // Only a connector this onboarding connected gets its schedule and first sync (a re-key does not).
  const first = becameConnected ? await activateConnector({ connectorId: input.connectorId, trigger: 'onboarding' }) : undefined;
  return { ...test, status, first_sync_run_id: first?.syncRunId ?? null };
}

/** A one-off connection test of the connector's current credentials (`POST /connectors/{id}/test`). */
export async function connectionTestWorkflow(input: ConnectionTestInput): Promise<ConnectionTestResult> {
  return testOrUnavailable(input.connectorId, false);
}
