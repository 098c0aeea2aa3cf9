// Onboarding: test the connector's stored credentials, then mark it connected. Carries ids only, never secrets.
import type { createConnectorActivities } from '../activities/connectors.ts';
import { describeFailure } from '../contracts/failures.ts';
import { controlActivities, type ControlOptions } from './queues.ts';
import type { ConnectionTestInput, ConnectionTestResult, OnboardingInput, OnboardingResult, Revisioned } from '../contracts/workflows.ts';

type Activities = ReturnType<typeof createConnectorActivities>;

const TEST: ControlOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3, initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds' },
};
const STEP: ControlOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
};

/** A transient provider failure that outlived the test's retries is reported, not thrown. */
async function testOrUnavailable(input: Revisioned & { connectorId: string }, candidate: boolean, candidateId?: string): Promise<ConnectionTestResult> {
  const { testConnection } = controlActivities<Activities>(input, TEST);
  try {
    return await testConnection({ connectorId: input.connectorId, candidate, candidateId });
  } catch (err) {
    return { success: false, latency_ms: 0, error: { code: 'provider_unavailable', message: describeFailure(err, 'provider_unavailable').message } };
  }
}

export async function onboardingWorkflow(input: OnboardingInput): Promise<OnboardingResult> {
  const { completeOnboarding, activateConnector } = controlActivities<Activities>(input, STEP);
  const test = await testOrUnavailable(input, true, input.candidateId);
  const { status, becameConnected } = await completeOnboarding({ connectorId: input.connectorId, test, candidateId: input.candidateId });
  // Only a connector this onboarding connected gets its schedule and first sync (a re-key does not).
  const first = becameConnected ? await activateConnector({ connectorId: input.connectorId, trigger: 'onboarding', candidateId: input.candidateId }) : undefined;
  return { ...test, status, first_sync_run_id: first?.syncRunId ?? null };
}

/** A one-off connection test of the connector's current credentials (`POST /connectors/{id}/test`). */
export async function connectionTestWorkflow(input: ConnectionTestInput): Promise<ConnectionTestResult> {
  return testOrUnavailable(input, false);
}
