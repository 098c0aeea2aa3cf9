// Shared by the activities that talk to providers: one retry with fresh credentials after a 401, and
// promoting verified candidate credentials.
import type { DbOrTx } from '../db/db.ts';
import { ProviderError, type Credentials } from '../providers/types.ts';
import type { CredentialStore } from '../services/credentials.ts';

/** Calls the provider; after a 401, asks the credential store for fresh credentials and tries once more. */
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
    if (!(err instanceof ProviderError) || err.code !== 'unauthorized') throw err;
    const fresh = await credentials.refreshAfterUnauthorized(connectorId, creds);
    onRefresh(fresh);
    return call(fresh);
  }
}

/** Candidate credentials that passed their test become the connector's (inside the caller's transaction). */
export async function promoteCandidate(tx: DbOrTx, row: { id: string; candidate_credentials_enc: string | null }): Promise<void> {
  if (!row.candidate_credentials_enc) return;
  await tx
    .updateTable('connectors')
    .set({ credentials_enc: row.candidate_credentials_enc, candidate_credentials_enc: null, credentials_updated_at: new Date() })
    .where('id', '=', row.id)
    .execute();
}
