// Shared by the activities that talk to providers: one retry with fresh credentials after a 401, and
// promoting verified candidate credentials.
import { updateConnector } from '../db/connectors.repository.ts';
import type { DbOrTx } from '../db/db.ts';
import { ProviderError, type Credentials } from '../providers/types.ts';
import type { CredentialStore } from '../services/credentials.ts';

/** Calls the provider; after a 401 to an OAuth token, asks the credential store for fresh credentials and tries once more. */
export async function callWithRefresh<T>(
  credentials: CredentialStore,
  connectorId: string,
  creds: Credentials,
  call: (c: Credentials) => Promise<T>,
  onRefresh: (c: Credentials) => void,
): Promise<T> {
  try {
    return await call(creds);
  } catch (err) {
    // Only OAuth access tokens can be refreshed; a rejected API key is the provider's answer as it stands.
    if (!(err instanceof ProviderError) || err.code !== 'unauthorized' || !creds.access_token) throw err;
    const fresh = await credentials.refreshAfterUnauthorized(connectorId, creds);
    onRefresh(fresh);
    return call(fresh);
  }
}

/** Candidate credentials that passed their test become the connector's (inside the caller's transaction). */
export async function promoteCandidate(tx: DbOrTx, row: { id: string; candidate_credentials_enc: string | null }): Promise<void> {
  if (!row.candidate_credentials_enc) return;
  await updateConnector(tx, row.id, { credentials_enc: row.candidate_credentials_enc, candidate_credentials_enc: null, credentials_updated_at: new Date() });
}
