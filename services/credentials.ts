// The one way activities obtain a connector's secrets: decrypted from the database at the moment of use.
// OAuth connectors refresh here (before expiry, and after a provider 401).
import type { Db } from '../db/db.ts';
import type { Cipher } from '../lib/crypto.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { ProviderError, type Credentials } from '../providers/types.ts';

export interface CredentialStore {
  /** Usable credentials for the connector; OAuth tokens are refreshed first when they expire within the margin. */
  get(connectorId: string): Promise<Credentials>;
  /**
   * Called after the provider answered 401 to `rejected`: OAuth connectors refresh once (or pick up a
   * refresh another caller already made) and return the new credentials; API-key connectors throw.
   */
  refreshAfterUnauthorized(connectorId: string, rejected: Credentials): Promise<Credentials>;
}

export interface CredentialStoreDeps {
  db: Db;
  cipher: Cipher;
  providers: ProviderRegistry;
}

export class CredentialsMissingError extends Error {}

export function createCredentialStore(deps: CredentialStoreDeps): CredentialStore {
  const load = async (connectorId: string): Promise<Credentials> => {
    const row = await deps.db.selectFrom('connectors').select(['credentials_enc', 'deleted_at']).where('id', '=', connectorId).executeTakeFirst();
    if (!row || row.deleted_at || !row.credentials_enc) throw new CredentialsMissingError(`connector ${connectorId} has no credentials`);
    return deps.cipher.decryptJson<Credentials>(row.credentials_enc);
  };
  return {
    get: load,
    async refreshAfterUnauthorized(connectorId) {
      throw new ProviderError('unauthorized', `the provider rejected the credentials of ${connectorId}`, 401);
    },
  };
}
