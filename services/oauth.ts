// OAuth onboarding at the edge: authorize (new state + PKCE, supersedes the previous attempt, starts the
// onboarding workflow), the start page (names the workspace and connector, then links to the provider), and
// the callback (consume the state once, keep the code encrypted, signal the workflow).
import type { Config } from '../config/config.ts';
import { AUTHORIZATION_WINDOW_SECONDS, type OAuthOnboardingResult } from '../contracts/workflows.ts';
import { findConnector, findConnectorInWorkspaceWithDeleted, lockConnector } from '../db/connectors.repository.ts';
import type { Db } from '../db/db.ts';
import type { OAuthStateRow } from '../db/schema.ts';
import { secretSlots } from '../db/secret-columns.ts';
import type { Cipher } from '../lib/crypto.ts';
import { randomToken, sha256Hex } from '../lib/crypto.ts';
import { DomainError, invalid } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { buildAuthorizeUrl, pkceChallenge, pkcePair } from '../providers/oauth.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { resolveOAuthApp } from './oauth-apps.ts';
import { invalidateOAuthStates, oauthRedirectUri, oauthStartUrl } from './oauth-states.ts';
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
  /** Tributary's start page for this attempt (it names the workspace and connector, then links to the provider). */
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

type InvalidReason = 'missing_state' | 'missing_code' | 'unknown' | 'reused' | 'superseded' | 'connector_deleted';

/** What the callback page or redirect says. `invalid` and `expired` never touch the connector. */
export type CallbackResult =
  | { kind: 'invalid'; reason: InvalidReason }
  | { kind: 'expired' }
  | { kind: 'done'; connectorId: string; returnUrl: string | null; outcome: OAuthOnboardingResult['outcome'] | 'pending'; status: string; error?: { code: string; message: string } };

/** What the start page shows before sending the browser to the provider. */
export type StartResult =
  | { kind: 'invalid'; reason: InvalidReason }
  | { kind: 'expired' }
  | { kind: 'start'; workspaceName: string; connectorId: string; connectorName: string; providerName: string; scopes: string[]; providerUrl: string; expiresAt: string };

/** Why a state can no longer be used, or undefined while it is live. */
function deadState(row: Pick<OAuthStateRow, 'consumed_at' | 'invalidated_reason' | 'invalidated_at' | 'expires_at'>, at: Date): { kind: 'invalid'; reason: InvalidReason } | { kind: 'expired' } | undefined {
  if (row.invalidated_reason === 'superseded' || row.invalidated_reason === 'connector_deleted') return { kind: 'invalid', reason: row.invalidated_reason };
  if (row.consumed_at) return { kind: 'invalid', reason: 'reused' };
  if (row.invalidated_at || new Date(row.expires_at) <= at) return { kind: 'expired' };
  return undefined;
}

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

  const findAttempt = (state: string) => db.selectFrom('oauth_states').selectAll().where('state_hash', '=', sha256Hex(state)).executeTakeFirst();

  /**
   * Starts the onboarding workflow of `attemptId` (TERMINATE_EXISTING supersedes an older attempt's run), with
   * no transaction open. If a newer attempt committed meanwhile, its run is (re)started last, so concurrent
   * authorize calls settle on the newest attempt's workflow.
   */
  async function startNewest(c: Parameters<Orchestrator['startOAuthOnboarding']>[0], attemptId: string): Promise<string> {
    let current = attemptId;
    for (let round = 0; ; round++) {
      const workflowId = await orchestrator.startOAuthOnboarding(c, current);
      const newest = await db.selectFrom('oauth_states').select('id').where('connector_id', '=', c.id).where('invalidated_at', 'is', null).where('consumed_at', 'is', null).orderBy('id', 'desc').executeTakeFirst();
      if (!newest || newest.id <= current || round >= 4) return workflowId;
      current = newest.id;
    }
  }

  return {
    /**
     * Records a new attempt (state hashed, PKCE verifier sealed), starts its onboarding workflow, and only then
     * retires the connector's earlier attempts — so when Temporal is unreachable (503) the earlier link still works.
     * The URL returned is Tributary's start page for the attempt, not the provider's.
     */
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
      const attemptId = newId('oas');

      await db.transaction().execute(async (tx) => {
        const locked = await lockConnector(tx, connectorId);
        if (!locked || locked.deleted_at) throw new DomainError('invalid_status', `connector ${connectorId} was deleted and cannot be authorized`);
        await tx
          .insertInto('oauth_states')
          .values({
            id: attemptId,
            state_hash: sha256Hex(state),
            connector_id: connectorId,
            workspace_id: workspaceId,
            redirect_uri: oauthRedirectUri(config.PUBLIC_URL),
            return_url: returnUrl,
            scopes: oauthApp.scopes.join(' '),
            oauth_app_ref: oauthApp.ref,
            code_verifier_enc: pkce ? cipher.encrypt(pkce.verifier, secretSlots.codeVerifier(attemptId)) : null,
            expires_at: expiresAt,
          })
          .execute();
      });
      let workflowId: string;
      try {
        workflowId = await startNewest(row, attemptId);
      } catch (err) {
        await db.deleteFrom('oauth_states').where('id', '=', attemptId).execute();
        throw err;
      }
      await invalidateOAuthStates(db, connectorId, 'superseded', new Date(now()), attemptId);
      return {
        authorize_url: oauthStartUrl(config.PUBLIC_URL, state),
        expires_at: expiresAt.toISOString(),
        workflow_id: workflowId,
        temporal_ui_url: orchestrator.uiLink(workflowId),
      };
    },

    /**
     * The start page of an attempt: which workspace and connector the browser is about to authorize, and the
     * provider's authorization URL (client id, exact redirect URI, scopes, state, PKCE challenge) to continue to.
     * A forwarded link thus shows its recipient whose connector they would be connecting before any consent.
     */
    async start(state: string | undefined): Promise<StartResult> {
      if (!state) return { kind: 'invalid', reason: 'missing_state' };
      const attempt = await findAttempt(state);
      if (!attempt) return { kind: 'invalid', reason: 'unknown' };
      const dead = deadState(attempt, new Date(now()));
      if (dead) return dead;
      const connector = await findConnector(db, attempt.connector_id);
      const provider = connector ? providers.get(connector.type) : undefined;
      if (!connector || connector.deleted_at || connector.workspace_id !== attempt.workspace_id) return { kind: 'invalid', reason: 'connector_deleted' };
      if (!provider?.manifest.oauth || !provider.endpoints.authorizeUrl) return { kind: 'invalid', reason: 'unknown' };
      const resolved = await resolveOAuthApp(db, cipher, provider, attempt.workspace_id, config.providerEnv);
      // The app the attempt was made with is gone: its link cannot work any more.
      if (!resolved.ok || resolved.app.ref !== attempt.oauth_app_ref) return { kind: 'invalid', reason: 'superseded' };
      const workspace = await db.selectFrom('workspaces').select('name').where('id', '=', attempt.workspace_id).executeTakeFirstOrThrow();
      const scopes = attempt.scopes ? attempt.scopes.split(' ') : [];
      const oauth = provider.manifest.oauth;
      return {
        kind: 'start',
        workspaceName: workspace.name,
        connectorId: connector.id,
        connectorName: connector.name,
        providerName: provider.manifest.name,
        scopes,
        expiresAt: new Date(attempt.expires_at).toISOString(),
        providerUrl: buildAuthorizeUrl(provider.endpoints.authorizeUrl, {
          clientId: resolved.app.client.clientId,
          redirectUri: attempt.redirect_uri,
          scopes,
          scopeSeparator: oauth.scope_separator,
          state,
          codeChallenge: attempt.code_verifier_enc ? pkceChallenge(cipher.decrypt(attempt.code_verifier_enc, secretSlots.codeVerifier(attempt.id))) : undefined,
          extraParams: oauth.authorize_params,
        }),
      };
    },

    /**
     * The provider's redirect. The state is consumed atomically (single use, unexpired, not superseded); the
     * code is stored encrypted and the workflow is signalled with the attempt id only. If Temporal cannot be
     * reached, the consumption is undone and the error (503) passes on: reloading the page finishes the job.
     * Then it waits a little for the workflow's outcome so the user sees the result rather than "still connecting".
     */
    async callback(q: CallbackQuery): Promise<CallbackResult> {
      if (!q.state) return { kind: 'invalid', reason: 'missing_state' };
      if (!q.code && !q.error) return { kind: 'invalid', reason: 'missing_code' };
      const attempt = await findAttempt(q.state);
      if (!attempt) return { kind: 'invalid', reason: 'unknown' };
      const at = new Date(now());
      const consumed = await db
        .updateTable('oauth_states')
        .set({
          consumed_at: at,
          code_enc: q.error ? null : cipher.encrypt(q.code!, secretSlots.authorizationCode(attempt.id)),
          error: q.error ? q.error.slice(0, 100) : null,
          error_description: q.error ? (q.error_description ?? '').slice(0, 500) || null : null,
        })
        .where('id', '=', attempt.id)
        .where('consumed_at', 'is', null)
        .where('invalidated_at', 'is', null)
        .where('expires_at', '>', at)
        .returning(['id', 'connector_id', 'return_url'])
        .executeTakeFirst();
      if (!consumed) {
        const seen = await db.selectFrom('oauth_states').selectAll().where('id', '=', attempt.id).executeTakeFirstOrThrow();
        return deadState(seen, at) ?? { kind: 'expired' };
      }

      let signalled: boolean;
      try {
        signalled = await orchestrator.signalOAuthCallback(consumed.connector_id, { callbackId: consumed.id });
      } catch (err) {
        // The workflow never heard of it: the callback did not happen, and the same URL may be loaded again.
        await db.updateTable('oauth_states').set({ consumed_at: null, code_enc: null, error: null, error_description: null }).where('id', '=', consumed.id).where('consumed_at', '=', at).execute();
        throw err;
      }
      if (!signalled) {
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
