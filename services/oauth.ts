// OAuth onboarding at the edge: authorize (new state + PKCE, supersedes the previous attempt, starts the
// onboarding workflow) and the callback (consume the state once, keep the code encrypted, signal the workflow).
import type { Config } from '../config/config.ts';
import { AUTHORIZATION_WINDOW_SECONDS, type OAuthOnboardingResult } from '../contracts/workflows.ts';
import { findConnector, findConnectorInWorkspaceWithDeleted, lockConnector } from '../db/connectors.repository.ts';
import type { Db } from '../db/db.ts';
import type { Cipher } from '../lib/crypto.ts';
import { randomToken, sha256Hex } from '../lib/crypto.ts';
import { DomainError, invalid } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { buildAuthorizeUrl, pkcePair } from '../providers/oauth.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { resolveOAuthApp } from './oauth-apps.ts';
import { invalidateOAuthStates, oauthRedirectUri } from './oauth-states.ts';
import type { Orchestrator } from './orchestrator.ts';

export interface OAuthServiceDeps {
  db: Db;
  orchestrator: Orchestrator;
  providers: ProviderRegistry;
  cipher: Cipher;
  config: Pick<Config, 'PUBLIC_URL' | 'providerEnv' | 'OAUTH_AUTHORIZATION_WINDOW_SECONDS' | 'OAUTH_RETURN_URL_ORIGINS'>;
  now?: () => number;
  /** How long the callback waits for the workflow's outcome before answering "still connecting". */
  callbackWaitMs?: number;
}

export interface AuthorizeResult {
  authorize_url: string;
  expires_at: string;
  workflow_id: string;
  temporal_ui_url: string;
}

export interface CallbackQuery {
  state?: string;
  code?: string;
  error?: string;
  error_description?: string;
}

/** What the callback page or redirect says. `invalid` and `expired` never touch the connector. */
export type CallbackResult =
  | { kind: 'invalid'; reason: 'missing_state' | 'missing_code' | 'unknown' | 'reused' | 'superseded' | 'connector_deleted' }
  | { kind: 'expired' }
  | { kind: 'done'; connectorId: string; returnUrl: string | null; outcome: OAuthOnboardingResult['outcome'] | 'pending'; status: string; error?: { code: string; message: string } };

/**
 * A return URL must be an absolute http(s) URL on PUBLIC_URL's origin or an origin listed in
 * OAUTH_RETURN_URL_ORIGINS: anything else would turn the callback into an open redirect.
 */
export function checkReturnUrl(raw: string, publicUrl: string, allowedOrigins: readonly string[]): string | { problem: string } {
  if (raw.length > 2000) return { problem: 'must be at most 2000 characters' };
  if (!URL.canParse(raw)) return { problem: 'must be an absolute URL' };
  const u = new URL(raw);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { problem: 'must be an http(s) URL' };
  if (u.username || u.password) return { problem: 'must not contain credentials' };
  const allowed = [new URL(publicUrl).origin, ...allowedOrigins];
  if (!allowed.includes(u.origin)) return { problem: `origin ${u.origin} is not allowed; allowed: ${allowed.join(', ')} (set OAUTH_RETURN_URL_ORIGINS)` };
  return u.toString();
}

export function createOAuthService(deps: OAuthServiceDeps) {
  const { db, orchestrator, providers, cipher, config } = deps;
  const now = deps.now ?? Date.now;
  const waitMs = deps.callbackWaitMs ?? 20_000;

  return {
    async authorize(workspaceId: string, connectorId: string, input: { return_url?: string }): Promise<AuthorizeResult> {
      const row = await findConnectorInWorkspaceWithDeleted(db, workspaceId, connectorId);
      if (row.deleted_at) throw new DomainError('invalid_status', `connector ${connectorId} was deleted and cannot be authorized; create a new connector with POST /v1/connectors`);
      const provider = providers.get(row.type);
      if (!provider?.manifest.oauth || !provider.endpoints.authorizeUrl) {
        throw new DomainError('wrong_auth_method', `connector type ${row.type} uses an API key, not OAuth; store it with PUT /v1/connectors/${connectorId}/credentials`);
      }
      const resolved = await resolveOAuthApp(db, cipher, provider, workspaceId, config.providerEnv);
      if (!resolved.ok) throw new DomainError('oauth_not_configured', `${resolved.message} (register ${oauthRedirectUri(config.PUBLIC_URL)} as its callback URL)`);
      const oauthApp = resolved.app;
      let returnUrl: string | null = null;
      if (input.return_url !== undefined) {
        const checked = checkReturnUrl(input.return_url, config.PUBLIC_URL, config.OAUTH_RETURN_URL_ORIGINS);
        if (typeof checked !== 'string') throw invalid('return_url', checked.problem);
        returnUrl = checked;
      }

      const state = randomToken(32);
      const pkce = provider.manifest.oauth.pkce ? pkcePair() : undefined;
      const windowSeconds = config.OAUTH_AUTHORIZATION_WINDOW_SECONDS ?? AUTHORIZATION_WINDOW_SECONDS;
      const expiresAt = new Date(now() + windowSeconds * 1000);
      const redirectUri = oauthRedirectUri(config.PUBLIC_URL);
      const attemptId = newId('oas');

      // The connector row lock serialises authorize calls: the attempt that commits last is the one whose
      // workflow runs (TERMINATE_EXISTING), and every earlier state is dead.
      const workflowId = await db.transaction().execute(async (tx) => {
        const locked = await lockConnector(tx, connectorId);
        if (!locked || locked.deleted_at) throw new DomainError('invalid_status', `connector ${connectorId} was deleted and cannot be authorized`);
        await invalidateOAuthStates(tx, connectorId, 'superseded', new Date(now()));
        await tx
          .insertInto('oauth_states')
          .values({
            id: attemptId,
            state_hash: sha256Hex(state),
            connector_id: connectorId,
            workspace_id: workspaceId,
            redirect_uri: redirectUri,
            return_url: returnUrl,
            scopes: oauthApp.scopes.join(' '),
            oauth_app_ref: oauthApp.ref,
            code_verifier_enc: pkce ? cipher.encrypt(pkce.verifier) : null,
            expires_at: expiresAt,
          })
          .execute();
        return orchestrator.startOAuthOnboarding(row, attemptId);
      });

      const oauth = provider.manifest.oauth;
      return {
        authorize_url: buildAuthorizeUrl(provider.endpoints.authorizeUrl, {
          clientId: oauthApp.client.clientId,
          redirectUri,
          scopes: oauthApp.scopes,
          scopeSeparator: oauth.scope_separator,
          state,
          codeChallenge: pkce?.challenge,
          extraParams: oauth.authorize_params,
        }),
        expires_at: expiresAt.toISOString(),
        workflow_id: workflowId,
        temporal_ui_url: orchestrator.uiLink(workflowId),
      };
    },

    /**
     * The provider's redirect. The state is consumed atomically (single use, unexpired, not superseded); the
     * code is stored encrypted and the workflow is signalled with the attempt id only. Then it waits a little
     * for the workflow's outcome so the user sees the result rather than "still connecting".
     */
    async callback(q: CallbackQuery): Promise<CallbackResult> {
      if (!q.state) return { kind: 'invalid', reason: 'missing_state' };
      if (!q.code && !q.error) return { kind: 'invalid', reason: 'missing_code' };
      const stateHash = sha256Hex(q.state);
      const at = new Date(now());
      const consumed = await db
        .updateTable('oauth_states')
        .set({
          consumed_at: at,
          code_enc: q.error ? null : cipher.encrypt(q.code!),
          error: q.error ? q.error.slice(0, 100) : null,
          error_description: q.error ? (q.error_description ?? '').slice(0, 500) || null : null,
        })
        .where('state_hash', '=', stateHash)
        .where('consumed_at', 'is', null)
        .where('invalidated_at', 'is', null)
        .where('expires_at', '>', at)
        .returning(['id', 'connector_id', 'return_url'])
        .executeTakeFirst();
      if (!consumed) {
        const seen = await db.selectFrom('oauth_states').select(['consumed_at', 'invalidated_reason', 'expires_at']).where('state_hash', '=', stateHash).executeTakeFirst();
        if (!seen) return { kind: 'invalid', reason: 'unknown' };
        if (seen.invalidated_reason === 'superseded' || seen.invalidated_reason === 'connector_deleted') return { kind: 'invalid', reason: seen.invalidated_reason };
        if (seen.consumed_at) return { kind: 'invalid', reason: 'reused' };
        return { kind: 'expired' };
      }

      if (!(await orchestrator.signalOAuthCallback(consumed.connector_id, { callbackId: consumed.id }))) {
        // The workflow is gone (its window closed a moment ago): the state dies as expired.
        await db.updateTable('oauth_states').set({ invalidated_at: at, invalidated_reason: 'expired', outcome: 'expired', code_enc: null, code_verifier_enc: null }).where('id', '=', consumed.id).execute();
        return { kind: 'expired' };
      }
      const result = await orchestrator.awaitOAuthOnboarding(consumed.connector_id, waitMs);
      if (result?.outcome === 'expired') return { kind: 'expired' };
      const status = (await findConnector(db, consumed.connector_id))?.status ?? 'deleted';
      return { kind: 'done', connectorId: consumed.connector_id, returnUrl: consumed.return_url, outcome: result?.outcome ?? 'pending', status, ...(result?.error ? { error: result.error } : {}) };
    },
  };
}

export type OAuthService = ReturnType<typeof createOAuthService>;
