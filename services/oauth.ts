// OAuth onboarding at the edge: authorize (new state + PKCE, supersedes the previous attempt, starts the
// onboarding workflow) and the callback (consume the state once, keep the code encrypted, signal the workflow).
import { setTimeout as delay } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { Config } from '../config/config.ts';
import type { Db, DbOrTx } from '../db/db.ts';
import type { Cipher } from '../lib/crypto.ts';
import { randomToken, sha256Hex } from '../lib/crypto.ts';
import { DomainError, invalid, notFound } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { connectorSearchAttributes, temporalUiLink, workflowIds } from '../lib/temporal.ts';
import { buildAuthorizeUrl, pkcePair } from '../providers/oauth.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { resolveOAuthApp } from './oauth-apps.ts';
import { oauthCallbackSignal, type OAuthOnboardingInput, type OAuthOnboardingResult } from '../workflows/oauth-onboarding.ts';

export const OAUTH_CALLBACK_PATH = '/v1/connectors/oauth/callback';
/** The authorization window when OAUTH_AUTHORIZATION_WINDOW_SECONDS is unset (the workflow's own default). */
export const DEFAULT_AUTHORIZATION_WINDOW_SECONDS = 600;

export interface OAuthServiceDeps {
  db: Db;
  temporal: Client;
  providers: ProviderRegistry;
  cipher: Cipher;
  config: Pick<Config, 'PUBLIC_URL' | 'TEMPORAL_TASK_QUEUE' | 'TEMPORAL_UI_URL' | 'TEMPORAL_NAMESPACE' | 'providerEnv' | 'OAUTH_AUTHORIZATION_WINDOW_SECONDS' | 'OAUTH_RETURN_URL_ORIGINS'>;
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

export function oauthRedirectUri(publicUrl: string): string {
  return `${publicUrl}${OAUTH_CALLBACK_PATH}`;
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

/** Kills every live authorization attempt of a connector (delete): its state can no longer be used. */
export async function invalidateOAuthStates(db: DbOrTx, connectorId: string, reason: 'superseded' | 'connector_deleted', at = new Date()): Promise<number> {
  const live = await db
    .updateTable('oauth_states')
    .set({ invalidated_at: at, invalidated_reason: reason, code_enc: null, code_verifier_enc: null })
    .where('connector_id', '=', connectorId)
    .where('invalidated_at', 'is', null)
    .where('exchanged_at', 'is', null)
    .where('outcome', 'is', null)
    .returning('id')
    .execute();
  return live.length;
}

export function createOAuthService(deps: OAuthServiceDeps) {
  const { db, temporal, providers, cipher, config } = deps;
  const now = deps.now ?? Date.now;
  const waitMs = deps.callbackWaitMs ?? 20_000;

  return {
    async authorize(workspaceId: string, connectorId: string, input: { return_url?: string }): Promise<AuthorizeResult> {
      const row = await db.selectFrom('connectors').selectAll().where('id', '=', connectorId).where('workspace_id', '=', workspaceId).executeTakeFirst();
      if (!row) throw notFound('connector', connectorId);
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
      const windowSeconds = config.OAUTH_AUTHORIZATION_WINDOW_SECONDS ?? DEFAULT_AUTHORIZATION_WINDOW_SECONDS;
      const expiresAt = new Date(now() + windowSeconds * 1000);
      const redirectUri = oauthRedirectUri(config.PUBLIC_URL);
      const attemptId = newId('oas');
      const workflowId = workflowIds.onboarding(connectorId);
      const workflowInput: OAuthOnboardingInput = {
        connectorId,
        attemptId,
        ...(config.OAUTH_AUTHORIZATION_WINDOW_SECONDS ? { authorizationWindow: `${config.OAUTH_AUTHORIZATION_WINDOW_SECONDS} seconds` } : {}),
      };

      // The connector row lock serialises authorize calls: the attempt that commits last is the one whose
      // workflow runs (TERMINATE_EXISTING), and every earlier state is dead.
      await db.transaction().execute(async (tx) => {
        const locked = await tx.selectFrom('connectors').select('deleted_at').where('id', '=', connectorId).forUpdate().executeTakeFirstOrThrow();
        if (locked.deleted_at) throw new DomainError('invalid_status', `connector ${connectorId} was deleted and cannot be authorized`);
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
        await temporal.workflow.start('oauthOnboardingWorkflow', {
          workflowId,
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          args: [workflowInput],
          typedSearchAttributes: connectorSearchAttributes(row),
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.TERMINATE_EXISTING,
          workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
        });
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
        }),
        expires_at: expiresAt.toISOString(),
        workflow_id: workflowId,
        temporal_ui_url: temporalUiLink(config, workflowId),
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

      const handle = temporal.workflow.getHandle(workflowIds.onboarding(consumed.connector_id));
      try {
        await handle.signal(oauthCallbackSignal, { callbackId: consumed.id });
      } catch {
        // The workflow is gone (its window closed a moment ago): the state dies as expired.
        await db.updateTable('oauth_states').set({ invalidated_at: at, invalidated_reason: 'expired', outcome: 'expired', code_enc: null, code_verifier_enc: null }).where('id', '=', consumed.id).execute();
        return { kind: 'expired' };
      }
      const stopWaiting = new AbortController();
      const result = await Promise.race([
        handle.result().then((r: OAuthOnboardingResult) => r, () => undefined),
        delay(waitMs, undefined, { signal: stopWaiting.signal }).catch(() => undefined),
      ]).finally(() => stopWaiting.abort());
      if (result?.outcome === 'expired') return { kind: 'expired' };
      const status = (await db.selectFrom('connectors').select('status').where('id', '=', consumed.connector_id).executeTakeFirst())?.status ?? 'deleted';
      return { kind: 'done', connectorId: consumed.connector_id, returnUrl: consumed.return_url, outcome: result?.outcome ?? 'pending', status, ...(result?.error ? { error: result.error } : {}) };
    },
  };
}

export type OAuthService = ReturnType<typeof createOAuthService>;
