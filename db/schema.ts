// The one Kysely Database interface: every table, with Selectable/Insertable/Updateable aliases.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export const CONNECTOR_STATUSES = ['pending', 'connected', 'paused', 'error', 'oauth_expired'] as const;
export type ConnectorStatus = (typeof CONNECTOR_STATUSES)[number];

export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: Generated<Date>;
}

export interface ApiKeysTable {
  id: string;
  workspace_id: string;
  key_hash: string;
  prefix: string;
  created_at: Generated<Date>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface ConnectorsTable {
  id: string;
  workspace_id: string;
  type: string;
  name: string;
  status: ConnectorStatus;
  status_reason: string | null;
  status_message: string | null;
  status_changed_at: Generated<Date>;
  credentials_enc: string | null;
  /** Credentials awaiting their connection test; promoted to credentials_enc on success. */
  candidate_credentials_enc: string | null;
  credentials_updated_at: Timestamp | null;
  last_test_at: Timestamp | null;
  last_test_success: boolean | null;
  last_test_error: Json<{ code: string; message: string }> | null;
  last_test_latency_ms: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  deleted_at: Timestamp | null;
}

export interface ConnectorStatusChangesTable {
  id: string;
  connector_id: string;
  from_status: ConnectorStatus | null;
  to_status: ConnectorStatus;
  reason: string;
  message: string | null;
  created_at: Generated<Date>;
}

export interface IdempotencyKeysTable {
  workspace_id: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  created_at: Generated<Date>;
}

/** One OAuth authorization attempt (an authorize call); the state itself is only stored as a hash. */
export interface OAuthStatesTable {
  id: string;
  state_hash: string;
  connector_id: string;
  workspace_id: string;
  redirect_uri: string;
  return_url: string | null;
  scopes: string;
  code_verifier_enc: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  /** Set once, atomically, when the callback arrives: the state is single-use. */
  consumed_at: Timestamp | null;
  invalidated_at: Timestamp | null;
  invalidated_reason: 'superseded' | 'expired' | 'connector_deleted' | null;
  /** The authorization code, encrypted, from the callback until the exchange. */
  code_enc: string | null;
  error: string | null;
  error_description: string | null;
  exchanged_at: Timestamp | null;
  outcome: string | null;
  /** Set with a `connected` outcome when the connector became connected: how the sync lifecycle is activated. */
  activate_trigger: 'onboarding' | 'reauthorized' | null;
}

export interface Database {
  workspaces: WorkspacesTable;
  api_keys: ApiKeysTable;
  connectors: ConnectorsTable;
  connector_status_changes: ConnectorStatusChangesTable;
  idempotency_keys: IdempotencyKeysTable;
  oauth_states: OAuthStatesTable;
}

export type Workspace = Selectable<WorkspacesTable>;
export type ConnectorRow = Selectable<ConnectorsTable>;
export type NewConnector = Insertable<ConnectorsTable>;
export type ConnectorUpdate = Updateable<ConnectorsTable>;
export type StatusChangeRow = Selectable<ConnectorStatusChangesTable>;
export type OAuthStateRow = Selectable<OAuthStatesTable>;
