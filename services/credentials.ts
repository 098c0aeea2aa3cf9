// The one way activities obtain a connector's secrets: decrypted from the database at the moment of use.
// OAuth connectors refresh here (before expiry, and after a provider 401), one refresh at a time per connector.
import { sql } from 'kysely';
import type { Config } from '../config/config.ts';
import { findConnector, lockConnector } from '../db/connectors.repository.ts';
import type { ConnectorRow } from '../db/schema.ts';
import type { Db, DbOrTx } from '../db/db.ts';
import { secretSlots } from '../db/secret-columns.ts';
import type { Cipher } from '../lib/crypto.ts';
import { OAuthClientError, OAuthGrantError, refreshTokens, tokensToCredentials } from '../providers/oauth.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { ProviderError, type Credentials } from '../providers/types.ts';
import type { Lifecycle } from './lifecycle.ts';
import { resolveOAuthApp } from './oauth-apps.ts';
import { transitionStatus } from './status.ts';

export interface CredentialStore {
  /**
   * Usable credentials for the connector; OAuth tokens are refreshed first when they expire within the margin.
   * `known`: the connector's row as the caller has just read it (saves reading it again).
   */
  get(connectorId: string, known?: CredentialSource): Promise<Credentials>;
  /**
   * Called after the provider answered 401 to `rejected`: OAuth connectors refresh once (or pick up a
   * refresh another caller already made) and return the new credentials; API-key connectors throw.
   */
  refreshAfterUnauthorized(connectorId: string, rejected: Credentials): Promise<Credentials>;
}

/** What `get` reads of a connector's row. */
export type CredentialSource = Pick<ConnectorRow, 'deleted_at' | 'credentials_enc' | 'status'>;

export interface CredentialStoreDeps {
  db: Db;
  cipher: Cipher;
  providers: ProviderRegistry;
  /** Pauses the schedule when a connector's authorization is refused for good. */
  lifecycle: Lifecycle;
  config: Pick<Config, 'OAUTH_REFRESH_MARGIN_SECONDS' | 'providerEnv'>;
  fetchImpl?: typeof fetch;
  now?: () => number;
}

export class CredentialsMissingError extends Error {}

/**
 * The provider refused the connector's authorization for good (refresh token invalid, expired or revoked):
 * the connector is `oauth_expired` until someone re-authorizes it. A ProviderError `unauthorized`, so
 * callers that already treat a 401 as permanent need nothing new; activities make it non-retryable.
 */
export class OAuthExpiredError extends ProviderError {
  constructor(readonly connectorId: string, reason: string) {
    super('unauthorized', `the authorization of connector ${connectorId} expired or was revoked (${reason}); re-authorize it with POST /v1/connectors/${connectorId}/oauth/authorize`, 401);
    this.name = 'OAuthExpiredError';
  }
}

type Outcome = { creds: Credentials } | { refused: string };

export function createCredentialStore(deps: CredentialStoreDeps): CredentialStore {
  const { db, cipher, providers, lifecycle, config } = deps;
  const now = deps.now ?? Date.now;
  const fetchImpl = deps.fetchImpl ?? fetch;
  const marginMs = config.OAUTH_REFRESH_MARGIN_SECONDS * 1000;

  /**
   * Due when the token expires within the margin — a margin of at most half the token's lifetime, so a provider
   * issuing tokens shorter-lived than the margin does not get a refresh on every use (and a caller reading a token
   * refreshed a moment ago does not refresh it again).
   */
  const dueForRefresh = (creds: Credentials): boolean => {
    if (!creds.refresh_token || !creds.expires_at) return false;
    const expires = Date.parse(creds.expires_at);
    const lifetime = creds.issued_at ? expires - Date.parse(creds.issued_at) : Infinity;
    return expires - Math.min(marginMs, lifetime / 2) <= now();
  };

  /**
   * Refreshes under a per-connector transaction-scoped advisory lock, so exactly one refresh is in flight
   * per connector across every worker. Whoever gets the lock second re-reads and, finding tokens other than
   * the ones it saw (`seenAccessToken`: due, or rejected with a 401), returns them without calling the
   * provider. The rotated refresh token is written in the same transaction that held the lock — and only
   * over the very credentials it refreshed (compare-and-set): a connector deleted meanwhile keeps none, and
   * tokens a re-authorization stored meanwhile win over the refreshed ones.
   */
  async function refresh(connectorId: string, seenAccessToken: string, why: 'due' | 'unauthorized'): Promise<Credentials> {
    const outcome = await db.transaction().execute(async (tx): Promise<Outcome> => {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`oauth-refresh:${connectorId}`}, 0))`.execute(tx);
      const row = await findConnector(tx, connectorId);
      if (!row || row.deleted_at || !row.credentials_enc) throw new CredentialsMissingError(`connector ${connectorId} has no credentials`);
      if (row.status === 'oauth_expired') return { refused: 'already oauth_expired' };
      const sealed = row.credentials_enc;
      const current = cipher.decryptJson<Credentials>(sealed, secretSlots.credentials(connectorId));
      if (current.access_token !== seenAccessToken || (why === 'due' && !dueForRefresh(current))) return { creds: current };

      const provider = providers.get(row.type);
      const tokenUrl = provider?.endpoints.tokenUrl;
      if (!provider || !tokenUrl) throw new CredentialsMissingError(`connector ${connectorId} (${row.type}) does not use OAuth`);
      let refused: string;
      let reason = 'oauth_refresh_refused';
      if (!current.refresh_token) {
        refused = 'the provider rejected the access token and there is no refresh token';
      } else {
        // The worker serves every workspace: the connector's workspace decides which app (and secret) refreshes.
        const resolved = await resolveOAuthApp(tx, cipher, provider, row.workspace_id, config.providerEnv);
        if (!resolved.ok) throw new OAuthClientError('client_not_configured', `${resolved.message}, to refresh ${row.type} tokens`);
        if (row.oauth_app_ref && row.oauth_app_ref !== resolved.app.ref) {
          // The refresh token belongs to the app that authorized the connector: another app cannot use it.
          reason = 'oauth_app_changed';
          refused = `the ${row.type} OAuth app that authorized this connector was replaced or deleted (now in use: ${resolved.app.source === 'workspace' ? `this workspace's app ${resolved.app.client.clientId}` : 'the service-level app'})`;
        } else {
          try {
            const tokens = await refreshTokens(fetchImpl, tokenUrl, resolved.app.client, current.refresh_token);
            const next = tokensToCredentials(tokens, now(), current);
            const written = await tx
              .updateTable('connectors')
              .set({ credentials_enc: cipher.encryptJson(next, secretSlots.credentials(connectorId)), credentials_updated_at: new Date() })
              .where('id', '=', connectorId)
              .where('deleted_at', 'is', null)
              .where('credentials_enc', '=', sealed)
              .returning('id')
              .executeTakeFirst();
            return written ? { creds: next } : replacedMeanwhile(tx, connectorId);
          } catch (err) {
            if (!(err instanceof OAuthGrantError)) throw err; // transient (ProviderError, retryable) or configuration: nothing written
            refused = err.message;
          }
        }
      }
      // Refused for the credentials we read; if they were replaced (re-authorized) or removed meanwhile, that stands.
      const locked = await lockConnector(tx, connectorId);
      if (!locked || locked.deleted_at || locked.credentials_enc !== sealed) return replacedMeanwhile(tx, connectorId);
      await transitionStatus(tx, connectorId, 'oauth_expired', reason, refused, ['connected', 'error']);
      return { refused };
    });
    if ('creds' in outcome) return outcome.creds;
    await lifecycle.reconcile(connectorId);
    throw new OAuthExpiredError(connectorId, outcome.refused);
  }

  /** The credentials changed while we refreshed: deleted (none) or re-authorized (use those). */
  async function replacedMeanwhile(tx: DbOrTx, connectorId: string): Promise<Outcome> {
    const row = await findConnector(tx, connectorId);
    if (!row || row.deleted_at || !row.credentials_enc) throw new CredentialsMissingError(`connector ${connectorId} has no credentials (deleted or cleared while refreshing)`);
    return { creds: cipher.decryptJson<Credentials>(row.credentials_enc, secretSlots.credentials(connectorId)) };
  }

  return {
    async get(connectorId, known) {
      const row = known ?? (await findConnector(db, connectorId));
      if (!row || row.deleted_at || !row.credentials_enc) throw new CredentialsMissingError(`connector ${connectorId} has no credentials`);
      if (row.status === 'oauth_expired') {
        await lifecycle.reconcile(connectorId);
        throw new OAuthExpiredError(connectorId, 'status oauth_expired');
      }
      const creds = cipher.decryptJson<Credentials>(row.credentials_enc, secretSlots.credentials(connectorId));
      return creds.access_token && dueForRefresh(creds) ? refresh(connectorId, creds.access_token, 'due') : creds;
    },

    async refreshAfterUnauthorized(connectorId, rejected) {
      if (!rejected.access_token) throw new ProviderError('unauthorized', `the provider rejected the credentials of ${connectorId}`, 401);
      return refresh(connectorId, rejected.access_token, 'unauthorized');
    },
  };
}
