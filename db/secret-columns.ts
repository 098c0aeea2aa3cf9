// Every encrypted column, and the slot (table, column, row identity) its values are bound to: writers, readers
// and `tributary keys rotate` all name a slot through here, so they cannot disagree on the AAD.
import type { SecretSlot } from '../lib/crypto.ts';

export interface SecretColumn {
  table: 'connectors' | 'oauth_states' | 'oauth_apps' | 'webhook_endpoints';
  column: string;
  /** The primary key (for batched, conditional rewrites). */
  pk: 'id';
  /** Columns whose values, joined with '/', identify the row in the AAD. */
  identity: readonly string[];
}

export const SECRET_COLUMNS: readonly SecretColumn[] = [
  { table: 'connectors', column: 'credentials_enc', pk: 'id', identity: ['id'] },
  { table: 'connectors', column: 'candidate_credentials_enc', pk: 'id', identity: ['id'] },
  { table: 'oauth_states', column: 'code_verifier_enc', pk: 'id', identity: ['id'] },
  { table: 'oauth_states', column: 'code_enc', pk: 'id', identity: ['id'] },
  // Replacing a workspace's app keeps the row but may not keep its id: the natural key identifies it.
  { table: 'oauth_apps', column: 'client_secret_enc', pk: 'id', identity: ['workspace_id', 'type'] },
  { table: 'webhook_endpoints', column: 'secret_enc', pk: 'id', identity: ['id'] },
];

export const slotOf = (c: SecretColumn, row: Record<string, unknown>): SecretSlot => ({
  table: c.table,
  column: c.column,
  row: c.identity.map((k) => String(row[k])).join('/'),
});

const slot = (table: SecretColumn['table'], column: string, row: string): SecretSlot => ({ table, column, row });

/** The slots, by what they hold. */
export const secretSlots = {
  credentials: (connectorId: string) => slot('connectors', 'credentials_enc', connectorId),
  candidateCredentials: (connectorId: string) => slot('connectors', 'candidate_credentials_enc', connectorId),
  codeVerifier: (attemptId: string) => slot('oauth_states', 'code_verifier_enc', attemptId),
  authorizationCode: (attemptId: string) => slot('oauth_states', 'code_enc', attemptId),
  oauthAppSecret: (workspaceId: string, type: string) => slot('oauth_apps', 'client_secret_enc', `${workspaceId}/${type}`),
  webhookSecret: (endpointId: string) => slot('webhook_endpoints', 'secret_enc', endpointId),
};
