// Bring your own OAuth app: a workspace's client credentials per OAuth provider type, and the one resolution
// (workspace app, else the service-level app, else not configured) used by authorize, code exchange and refresh.
import { sql } from 'kysely';
import type { Config } from '../config/config.ts';
import type { DbOrTx } from '../db/db.ts';
import { secretSlots } from '../db/secret-columns.ts';
import type { OAuthAppRow } from '../db/schema.ts';
import type { Cipher } from '../lib/crypto.ts';
import { DomainError, invalid, notFound } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { resolveOAuthClient, type OAuthClientCredentials } from '../providers/oauth.ts';
import type { ProviderRegistry, RegisteredProvider } from '../providers/registry.ts';
import { oauthRedirectUri } from './oauth-states.ts';

/**
 * Which app authorized a connector: `service:<client_id>` or `workspace:<client_id>`. Grants belong to a
 * client id, so a new secret for the same client id keeps connectors working, while another client id (or
 * falling back from the workspace's app to the service's) means the stored refresh token is dead.
 */
export type OAuthAppRef = `${'service' | 'workspace'}:${string}`;

export interface ResolvedOAuthApp {
  source: 'service' | 'workspace';
  ref: OAuthAppRef;
  client: OAuthClientCredentials;
  /** The scopes to request: the workspace app's, else the manifest's. */
  scopes: string[];
}

export type OAuthAppResolution = { ok: true; app: ResolvedOAuthApp } | { ok: false; message: string };

/**
 * The OAuth app to use for `type` in `workspaceId`: the workspace's own app when one is set, else the
 * service-level app (`<TYPE>_CLIENT_ID`/`_SECRET`, or the emulator's demo app while emulated).
 */
export async function resolveOAuthApp(
  db: DbOrTx,
  cipher: Cipher,
  provider: RegisteredProvider,
  workspaceId: string,
  providerEnv: Readonly<Record<string, string>>,
): Promise<OAuthAppResolution> {
  const type = provider.manifest.type;
  const manifestScopes = provider.manifest.oauth?.scopes ?? [];
  const own = await db.selectFrom('oauth_apps').select(['client_id', 'client_secret_enc', 'scopes']).where('workspace_id', '=', workspaceId).where('type', '=', type).executeTakeFirst();
  if (own) {
    return {
      ok: true,
      app: { source: 'workspace', ref: `workspace:${own.client_id}`, client: { clientId: own.client_id, clientSecret: cipher.decrypt(own.client_secret_enc, secretSlots.oauthAppSecret(workspaceId, type)) }, scopes: own.scopes ?? manifestScopes },
    };
  }
  const service = resolveOAuthClient(type, provider.emulated, providerEnv);
  if (service.ok) return { ok: true, app: { source: 'service', ref: `service:${service.client.clientId}`, client: service.client, scopes: manifestScopes } };
  return { ok: false, message: `no OAuth app is configured for ${type}: register this workspace's own with PUT /v1/oauth-apps/${type}, or set ${service.missing.join(' and ')} for the whole service` };
}

export interface OAuthAppView {
  type: string;
  client_id: string;
  /** null = the manifest's scopes. */
  scopes: string[] | null;
  /** What authorize will request. */
  requested_scopes: string[];
  redirect_uri: string;
  created_at: string;
  updated_at: string;
}

export interface OAuthAppInput {
  client_id: string;
  client_secret: string;
  scopes?: string[] | null;
}

export interface OAuthAppServiceDeps {
  db: DbOrTx;
  cipher: Cipher;
  providers: ProviderRegistry;
  config: Pick<Config, 'PUBLIC_URL'>;
}

export function createOAuthAppService(deps: OAuthAppServiceDeps) {
  const { db, cipher, providers, config } = deps;

  /** The provider of an OAuth type: unknown → 404, API-key-only → 409 `wrong_auth_method` naming `type`. */
  function oauthProvider(type: string): RegisteredProvider {
    const provider = providers.get(type);
    if (!provider) throw notFound('connector type', type);
    if (!provider.manifest.oauth) {
      throw new DomainError('wrong_auth_method', `connector type ${type} uses an API key, not OAuth; it has no OAuth app`, [{ field: 'type', message: 'not an OAuth provider type' }]);
    }
    return provider;
  }

  function view(row: OAuthAppRow): OAuthAppView {
    const manifestScopes = providers.get(row.type)?.manifest.oauth?.scopes ?? [];
    return {
      type: row.type,
      client_id: row.client_id,
      scopes: row.scopes,
      requested_scopes: row.scopes ?? manifestScopes,
      redirect_uri: oauthRedirectUri(config.PUBLIC_URL),
      created_at: row.created_at.toISOString(),
      updated_at: row.updated_at.toISOString(),
    };
  }

  const find = (workspaceId: string, type: string) => db.selectFrom('oauth_apps').selectAll().where('workspace_id', '=', workspaceId).where('type', '=', type).executeTakeFirst();

  return {
    async list(workspaceId: string): Promise<{ data: OAuthAppView[] }> {
      const rows = await db.selectFrom('oauth_apps').selectAll().where('workspace_id', '=', workspaceId).orderBy('type').execute();
      return { data: rows.map(view) };
    },

    async get(workspaceId: string, type: string): Promise<OAuthAppView> {
      oauthProvider(type);
      const row = await find(workspaceId, type);
      if (!row) throw notFound('OAuth app for', type);
      return view(row);
    },

    /** Creates or replaces the workspace's app for `type`; `created` tells 201 from 200. */
    async put(workspaceId: string, type: string, input: OAuthAppInput): Promise<{ app: OAuthAppView; created: boolean }> {
      const provider = oauthProvider(type);
      const known = provider.manifest.oauth!.scopes;
      let scopes: string[] | null = null;
      if (input.scopes) {
        input.scopes.forEach((scope, i) => {
          if (!known.includes(scope)) throw invalid(`scopes.${i}`, `unknown scope ${JSON.stringify(scope)} for ${type}; known: ${known.join(', ')}`);
        });
        scopes = [...new Set(input.scopes)];
      }
      const now = new Date();
      const row = await db
        .insertInto('oauth_apps')
        .values({ id: newId('oap'), workspace_id: workspaceId, type, client_id: input.client_id, client_secret_enc: cipher.encrypt(input.client_secret, secretSlots.oauthAppSecret(workspaceId, type)), scopes, created_at: now, updated_at: now })
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'type']).doUpdateSet((eb) => ({
            client_id: eb.ref('excluded.client_id'),
            client_secret_enc: eb.ref('excluded.client_secret_enc'),
            scopes: eb.ref('excluded.scopes'),
            updated_at: now,
          })),
        )
        .returningAll()
        .returning(sql<boolean>`(xmax = 0)`.as('inserted')) // xmax is 0 for a freshly inserted row, not for an updated one
        .executeTakeFirstOrThrow();
      const { inserted, ...app } = row;
      return { app: view(app), created: inserted };
    },

    async remove(workspaceId: string, type: string): Promise<void> {
      oauthProvider(type);
      const gone = await db.deleteFrom('oauth_apps').where('workspace_id', '=', workspaceId).where('type', '=', type).returning('id').executeTakeFirst();
      if (!gone) throw notFound('OAuth app for', type);
    },
  };
}

export type OAuthAppService = ReturnType<typeof createOAuthAppService>;
