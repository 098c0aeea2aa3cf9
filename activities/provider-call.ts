// Shared by the activities that talk to providers: one retry with fresh credentials after a 401, and
// promoting verified candidate credentials.
import type { UpdateObject } from 'kysely';
import type { Database } from '../db/schema.ts';
import { secretSlots } from '../db/secret-columns.ts';
import type { Cipher } from '../lib/crypto.ts';
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

/**
 * Whether the stored candidate is the one attempt `candidateId` stored. Callers that predate candidate ids
 * (no `candidateId`) match any candidate, and so does a candidate stored before them (no `candidate_id`).
 */
export const isCandidateOf = (row: { candidate_id: string | null; candidate_credentials_enc: string | null }, candidateId: string | undefined): boolean =>
  candidateId === undefined || row.candidate_id === candidateId || (row.candidate_id === null && row.candidate_credentials_enc !== null);

/**
 * The columns that make verified candidate credentials the connector's — only the candidate that was tested
 * (`candidateId`): a newer one stored meanwhile is left for its own test — re-sealed for the credentials column (the
 * AAD names the column); undefined when that candidate is not the stored one. The caller writes them in its
 * transaction, which holds the row lock, in the same statement as the status change they go with.
 */
export function candidatePromotion(cipher: Cipher, row: { id: string; candidate_credentials_enc: string | null; candidate_id: string | null }, candidateId: string | undefined): UpdateObject<Database, 'connectors'> | undefined {
  if (!row.candidate_credentials_enc || !isCandidateOf(row, candidateId)) return undefined;
  const plain = cipher.decrypt(row.candidate_credentials_enc, secretSlots.candidateCredentials(row.id));
  return { credentials_enc: cipher.encrypt(plain, secretSlots.credentials(row.id)), candidate_credentials_enc: null, candidate_id: null, credentials_updated_at: new Date() };
}

/** The columns that drop the candidate, if it is still the one `candidateId` stored (empty otherwise); written as above. */
export function candidateDropped(row: { candidate_id: string | null; candidate_credentials_enc: string | null }, candidateId: string | undefined): UpdateObject<Database, 'connectors'> {
  return isCandidateOf(row, candidateId) ? { candidate_credentials_enc: null, candidate_id: null } : {};
}
