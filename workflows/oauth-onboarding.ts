// OAuth onboarding: wait (10 minutes by default) for the callback signal, then exchange the code, test the
// tokens, mark the connector connected and hand it to the sync lifecycle. Carries ids only, never secrets.
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createConnectorActivities } from '../activities/connectors.ts';
import type { createOAuthActivities } from '../activities/oauth.ts';
import { describeFailure } from '../contracts/failures.ts';
import { AUTHORIZATION_WINDOW_SECONDS, oauthCallbackSignal, type OAuthCallback, type OAuthOnboardingInput, type OAuthOnboardingResult } from '../contracts/workflows.ts';

type Activities = ReturnType<typeof createConnectorActivities> & ReturnType<typeof createOAuthActivities>;

const { exchangeAuthorizationCode } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 5, initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds', nonRetryableErrorTypes: ['ConnectorGone'] },
});
const { testConnection } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3, initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});
const { completeOAuthAuthorization, expireOAuthAuthorization, activateConnector } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

const failureMessage = (err: unknown) => describeFailure(err, 'provider_unavailable').message;

export async function oauthOnboardingWorkflow(input: OAuthOnboardingInput): Promise<OAuthOnboardingResult> {
  const { connectorId, attemptId } = input;
  let callback: OAuthCallback | undefined;
  setHandler(oauthCallbackSignal, (cb) => {
    if (cb.callbackId === attemptId) callback ??= cb;
  });

  const arrived = await condition(() => callback !== undefined, input.authorizationWindow ?? `${AUTHORIZATION_WINDOW_SECONDS} seconds`);
  if (!arrived) {
    const status = await expireOAuthAuthorization({ connectorId, attemptId });
    return { outcome: 'expired', status, error: { code: 'authorization_expired', message: 'the authorization was not completed in time; start again' } };
  }

  let exchange;
  try {
    exchange = await exchangeAuthorizationCode({ connectorId, attemptId });
  } catch (err) {
    exchange = { ok: false as const, outcome: 'failed' as const, error: { code: 'provider_unavailable', message: failureMessage(err) } };
  }
  if (!exchange.ok) {
    const done = await completeOAuthAuthorization({ connectorId, attemptId, outcome: exchange.outcome, error: exchange.error });
    return { outcome: exchange.outcome, status: done.status, error: exchange.error };
  }

  let test;
  try {
    test = await testConnection({ connectorId, candidate: true, candidateId: attemptId });
  } catch (err) {
    test = { success: false, latency_ms: 0, error: { code: 'provider_unavailable', message: failureMessage(err) } };
  }
  if (!test.success) {
    const error = test.error ?? { code: 'connection_test_failed', message: 'connection test failed' };
    const done = await completeOAuthAuthorization({ connectorId, attemptId, outcome: 'failed', error, testFailed: true });
    return { outcome: 'failed', status: done.status, error };
  }

  const done = await completeOAuthAuthorization({ connectorId, attemptId, outcome: 'connected' });
  if (done.activate) await activateConnector({ connectorId, trigger: done.activate, candidateId: attemptId });
  return { outcome: done.status === 'deleted' ? 'failed' : 'connected', status: done.status };
}
