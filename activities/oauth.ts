// OAuth onboarding activities: redeem the code kept encrypted in PostgreSQL, store the tokens as candidate
// credentials, settle the attempt. (A newly connected connector goes to the sync lifecycle through the connector
// activities' `activateConnector`, the one home of that step for both onboardings.)
import { ApplicationFailure } from '@temporalio/activity';
import type { Config } from '../config/config.ts';
import { findConnector, lockConnector, updateConnector } from '../db/connectors.repository.ts';
import type { Db } from '../db/db.ts';
import { secretSlots } from '../db/secret-columns.ts';
import type { Cipher } from '../lib/crypto.ts';
import { exchangeCode, OAuthClientError, OAuthGrantError, tokensToCredentials } from '../providers/oauth.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { ProviderError } from '../providers/types.ts';
import { resolveOAuthApp } from '../services/oauth-apps.ts';
import { transitionStatus } from '../services/status.ts';
import { candidateDropped, candidatePromotion } from './provider-call.ts';

export interface OAuthActivityDeps {
  db: Db;
  cipher: Cipher;
  providers: ProviderRegistry;
  config: Pick<Config, 'providerEnv'>;
  fetchImpl?: typeof fetch;
  now?: () => number;
}

type AttemptError = { code: string; message: string };
export type ExchangeResult = { ok: true } | { ok: false; outcome: 'denied' | 'failed'; error: AttemptError };
export type ActivateTrigger = 'onboarding' | 'reauthorized';

export function createOAuthActivities(deps: OAuthActivityDeps) {
  const { db, cipher, providers, config } = deps;
  const now = deps.now ?? Date.now;

  const wipeSecrets = { code_enc: null, code_verifier_enc: null } as const;

  return {
    /**
     * Redeems the attempt's authorization code (with its PKCE verifier) and stores the tokens, encrypted,
     * as the connector's candidate credentials. A provider-side error (`access_denied`) or a refused code is a
     * result, not a failure; a token endpoint outage is retried.
     */
    async exchangeAuthorizationCode(input: { connectorId: string; attemptId: string }): Promise<ExchangeResult> {
      const attempt = await db.selectFrom('oauth_states').selectAll().where('id', '=', input.attemptId).where('connector_id', '=', input.connectorId).executeTakeFirst();
      const connector = await findConnector(db, input.connectorId);
      if (!attempt || !connector || connector.deleted_at || attempt.invalidated_reason === 'connector_deleted') {
        throw ApplicationFailure.nonRetryable(`connector ${input.connectorId} no longer exists`, 'ConnectorGone');
      }
      if (connector.workspace_id !== attempt.workspace_id) throw ApplicationFailure.nonRetryable('authorization attempt belongs to another workspace', 'ConnectorGone');
      if (attempt.exchanged_at && connector.candidate_id === attempt.id) return { ok: true }; // a retry after the write
      if (attempt.error) {
        const outcome = attempt.error === 'access_denied' ? 'denied' : 'failed';
        return { ok: false, outcome, error: { code: attempt.error, message: attempt.error_description ?? `the provider answered ${attempt.error}` } };
      }
      if (!attempt.code_enc) return { ok: false, outcome: 'failed', error: { code: 'missing_code', message: 'the callback carried no authorization code' } };

      const provider = providers.get(connector.type);
      const tokenUrl = provider?.endpoints.tokenUrl;
      if (!provider || !tokenUrl) throw ApplicationFailure.nonRetryable(`connector type ${connector.type} does not use OAuth`, 'UnknownType');
      // The worker serves every workspace: the app (and its secret) is loaded here, never carried by the workflow.
      const resolved = await resolveOAuthApp(db, cipher, provider, connector.workspace_id, config.providerEnv);
      if (!resolved.ok) return { ok: false, outcome: 'failed', error: { code: 'oauth_not_configured', message: resolved.message } };
      if (attempt.oauth_app_ref && attempt.oauth_app_ref !== resolved.app.ref) {
        await db.updateTable('oauth_states').set(wipeSecrets).where('id', '=', attempt.id).execute();
        return { ok: false, outcome: 'failed', error: { code: 'oauth_app_changed', message: `the OAuth app for ${connector.type} changed during the authorization; authorize again` } };
      }
      const client = resolved.app;

      let creds;
      try {
        const tokens = await exchangeCode(deps.fetchImpl ?? fetch, tokenUrl, client.client, {
          code: cipher.decrypt(attempt.code_enc, secretSlots.authorizationCode(attempt.id)),
          redirectUri: attempt.redirect_uri,
          codeVerifier: attempt.code_verifier_enc ? cipher.decrypt(attempt.code_verifier_enc, secretSlots.codeVerifier(attempt.id)) : undefined,
        });
        creds = tokensToCredentials(tokens, now());
      } catch (err) {
        if (err instanceof OAuthGrantError || err instanceof OAuthClientError) {
          await db.updateTable('oauth_states').set(wipeSecrets).where('id', '=', attempt.id).execute();
          return { ok: false, outcome: 'failed', error: { code: err.error, message: err.message } };
        }
        if (err instanceof ProviderError && err.retryable) {
          throw ApplicationFailure.create({ type: 'ProviderUnavailable', message: err.message, nextRetryDelay: err.retryAfterMs !== undefined ? Math.min(err.retryAfterMs, 10_000) : undefined });
        }
        throw err;
      }
      // The tokens are this attempt's candidate; a connector deleted during the exchange gets none.
      const stored = await db.transaction().execute(async (tx) => {
        const row = await lockConnector(tx, input.connectorId);
        if (!row || row.deleted_at) return false;
        await updateConnector(tx, input.connectorId, { candidate_credentials_enc: cipher.encryptJson(creds, secretSlots.candidateCredentials(input.connectorId)), candidate_id: attempt.id, updated_at: new Date() });
        await tx.updateTable('oauth_states').set({ ...wipeSecrets, exchanged_at: new Date(now()) }).where('id', '=', attempt.id).execute();
        return true;
      });
      if (!stored) throw ApplicationFailure.nonRetryable(`connector ${input.connectorId} no longer exists`, 'ConnectorGone');
      return { ok: true };
    },

    /**
     * Settles an attempt. `connected`: the candidate tokens become the connector's credentials and a pending,
     * oauth_expired or error connector becomes connected. Otherwise the candidate is dropped and a pending
     * connector keeps the reason. Idempotent: a retry returns what the first run decided.
     */
    async completeOAuthAuthorization(input: { connectorId: string; attemptId: string; outcome: 'connected' | 'denied' | 'failed'; error?: AttemptError; testFailed?: boolean }): Promise<{ status: string; activate: ActivateTrigger | null }> {
      return db.transaction().execute(async (tx) => {
        const row = await lockConnector(tx, input.connectorId);
        if (!row || row.deleted_at) return { status: 'deleted', activate: null };
        const attempt = await tx.selectFrom('oauth_states').select(['outcome', 'activate_trigger', 'invalidated_at', 'oauth_app_ref']).where('id', '=', input.attemptId).executeTakeFirst();
        if (!attempt || attempt.invalidated_at) return { status: row.status, activate: null }; // superseded meanwhile: the newer attempt decides
        if (attempt.outcome) return { status: row.status, activate: attempt.activate_trigger };

        let activate: ActivateTrigger | null = null;
        let status = row.status;
        if (input.outcome === 'connected') {
          const promotion = candidatePromotion(cipher, row, input.attemptId);
          if (!promotion && row.candidate_credentials_enc) return { status: row.status, activate: null }; // another attempt's tokens: that attempt decides
          // With the tokens, which OAuth app authorized this connector (a later change of app is detected on refresh).
          const also = promotion ? { ...promotion, oauth_app_ref: attempt.oauth_app_ref } : {};
          const t = await transitionStatus(tx, row.id, 'connected', row.status === 'pending' ? 'authorized' : 'reauthorized', null, ['pending', 'oauth_expired', 'error'], { locked: row, also });
          if (t.changed) activate = row.status === 'pending' ? 'onboarding' : 'reauthorized';
          status = t.to;
        } else {
          const dropped = candidateDropped(row, input.attemptId);
          if (row.status === 'pending') {
            const reason = input.outcome === 'denied' ? 'authorization_denied' : input.testFailed ? 'connection_test_failed' : 'authorization_failed';
            await transitionStatus(tx, row.id, 'pending', reason, input.error?.message ?? null, undefined, { locked: row, also: dropped });
          } else if (Object.keys(dropped).length > 0) {
            await updateConnector(tx, row.id, dropped);
          }
        }
        await tx.updateTable('oauth_states').set({ ...wipeSecrets, outcome: input.outcome, activate_trigger: activate }).where('id', '=', input.attemptId).execute();
        return { status, activate };
      });
    },

    /** The window closed without a callback: the state dies and a pending connector records `authorization_expired`. */
    async expireOAuthAuthorization(input: { connectorId: string; attemptId: string }): Promise<string> {
      return db.transaction().execute(async (tx) => {
        const killed = await tx
          .updateTable('oauth_states')
          .set({ ...wipeSecrets, invalidated_at: new Date(now()), invalidated_reason: 'expired', outcome: 'expired' })
          .where('id', '=', input.attemptId)
          .where('invalidated_at', 'is', null)
          .where('exchanged_at', 'is', null)
          .returning('id')
          .executeTakeFirst();
        const row = await findConnector(tx, input.connectorId);
        if (!row || row.deleted_at) return 'deleted';
        if (killed && row.status === 'pending') {
          await transitionStatus(tx, input.connectorId, 'pending', 'authorization_expired', `the authorization was not completed in time; start again with POST /v1/connectors/${input.connectorId}/oauth/authorize`);
        }
        return row.status;
      });
    },
  };
}
