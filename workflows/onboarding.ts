// Onboarding: test the connector's stored credentials, then mark it connected. Carries ids only, never secrets.
import type { createConnectorActivities } from '../activities/connectors.ts';
import { describeFailure } from '../contracts/failures.ts';
import { condition, setHandler, sleep } from '@temporalio/workflow';
import { atLeast, controlActivities, type ControlOptions } from './queues.ts';
import { onboardingAnswerUpdate, type ConnectionTestInput, type ConnectionTestResult, type OnboardingInput, type OnboardingResult, type Revisioned } from '../contracts/workflows.ts';

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
  if (!atLeast(input, 3)) {
    const test = await testOrUnavailable(input, true, input.candidateId);
    const { status, becameConnected } = await completeOnboarding({ connectorId: input.connectorId, test, candidateId: input.candidateId });
    // Only a connector this onboarding connected gets its schedule and first sync (a re-key does not).
    const first = becameConnected ? await activateConnector({ connectorId: input.connectorId, trigger: 'onboarding' }) : undefined;
    return { ...test, status, first_sync_run_id: first?.syncRunId ?? null };
  }
  // Revision 3: the caller waits for the answer only, not for the activation after it.
  let answer: OnboardingResult | undefined;
  setHandler(onboardingAnswerUpdate, async () => {
    await condition(() => answer !== undefined);
    return answer!;
  });
  const test = await testOrUnavailable(input, true, input.candidateId);
  const done = await completeOnboarding({ connectorId: input.connectorId, test, candidateId: input.candidateId, claimFirstSync: true });
  answer = { ...test, status: done.status, first_sync_run_id: done.firstSyncRunId ?? null };
  if (done.firstSyncRunId) {
    // Local activities keep the workflow task open until they finish: end this task first, so that the answer
    // reaches the caller now, and activate in the next one.
    await sleep(1);
    await activateConnector({ connectorId: input.connectorId, trigger: 'onboarding', syncRunId: done.firstSyncRunId });
  }
  return answer;
}

/** A one-off connection test of the connector's current credentials (`POST /connectors/{id}/test`). */
export async function connectionTestWorkflow(input: ConnectionTestInput): Promise<ConnectionTestResult> {
  return testOrUnavailable(input, false);
}
