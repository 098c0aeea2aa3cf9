// The one Kysely Database interface: every table, with Selectable/Insertable/Updateable aliases.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ConnectionTestResult } from '../contracts/workflows.ts';

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
  /** What the key is for, as its creator named it ('' for keys made before names existed). */
  name: Generated<string>;
  /** After this the key is refused (null: never expires). */
  expires_at: Timestamp | null;
  /** Who made it: the API key that called POST /v1/api-keys, or `cli` for `tributary api-key create`. */
  created_by: string | null;
}

/** A short-lived token that lets one browser complete one connection (see services/connect-sessions.ts). */
export interface ConnectSessionsTable {
  id: string;
  workspace_id: string;
  token_hash: string;
  /** The one type it may connect, or null: any type of the catalog. */
  connector_type: string | null;
  /** Its one connector: given at creation, or set once by its own POST /connectors. */
  connector_id: string | null;
  end_user: Json<{ id: string; name?: string; email?: string }> | null;
  allowed_origins: string[];
  created_by: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** How an onboarding settled its candidate credentials: the test's result, and whether settling them connected the connector. */
export interface SettledCandidate {
  test: ConnectionTestResult;
  became_connected: boolean;
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
  /** Which attempt stored the candidate (a `cand_…` id, or the OAuth attempt's `oas_…`): only that attempt may promote or drop it. */
  candidate_id: string | null;
  /** The last candidate an API-key onboarding settled, and how (so a replayed onboarding step answers the same). */
  settled_candidate_id: string | null;
  settled_candidate: Json<SettledCandidate> | null;
  credentials_updated_at: Timestamp | null;
  last_test_at: Timestamp | null;
  last_test_success: boolean | null;
  last_test_error: Json<{ code: string; message: string }> | null;
  last_test_latency_ms: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  deleted_at: Timestamp | null;
  /** Incremental high-water mark: everything that occurred before it has been ingested. */
  sync_cursor: Timestamp | null;
  last_sync_at: Timestamp | null;
  /** Which OAuth app authorized the connector (see services/oauth-apps.ts `OAuthAppRef`); null for API keys. */
  oauth_app_ref: string | null;
  /** The type's non-secret configuration (`config_fields` in its manifest), e.g. GitHub's orgs and repos. */
  config: ColumnType<Record<string, string | string[]>, string | undefined, string>;
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
  locked_until: Date | null;
  secret_withheld: Generated<boolean>;
  resource_id: string | null;
}

export interface ApiRateCountersTable {
  bucket: string;
  window_start: Date;
  hits: number;
}

/**
 * The desired schedule of a connector (neither interval nor cron: the default interval) and how far Temporal
 * has caught up with it: `desired_version` grows in the same transaction as any change to the spec, the
 * connector's schedule-relevant status or its deletion; `applied_version` is the version last applied to
 * Temporal. A lease (`lease_owner`, `lease_until`) lets one process at a time apply a connector's version.
 */
export interface ConnectorSchedulesTable {
  connector_id: string;
  interval_minutes: number | null;
  cron: string | null;
  timezone: string | null;
  updated_at: Generated<Date>;
  desired_version: Generated<number>;
  applied_version: Generated<number>;
  applied_at: Timestamp | null;
  lease_owner: string | null;
  lease_until: Timestamp | null;
  attempts: Generated<number>;
  next_attempt_at: Timestamp | null;
  last_error: string | null;
  /** When the last scheduled tick that ran was due (reset when a new version is applied). */
  last_tick_at: Timestamp | null;
  /** Ticks that never ran (found from the gap between consecutive ticks), since the connector was created. */
  missed_ticks: Generated<number>;
  last_missed_at: Timestamp | null;
  /** Set while no tick has run for longer than the overdue threshold: when the first tick that did not run was due. */
  overdue_since: Timestamp | null;
  /** The connector's status reason and message when it was marked `schedule_overdue` (restored when a tick runs). */
  overdue_prev_reason: string | null;
  overdue_prev_message: string | null;
}

export const SYNC_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'skipped'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];
export type SyncTrigger = 'schedule' | 'manual' | 'onboarding';

export interface SyncLogLine {
  at: string;
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** Where a run is inside its window: which kind, and the provider's page cursor within it. */
export interface SyncProgress {
  kindIndex: number;
  pageCursor: string | null;
}

export interface SyncRunsTable {
  id: string;
  connector_id: string;
  workspace_id: string;
  status: SyncRunStatus;
  trigger: SyncTrigger;
  workflow_id: string | null;
  /**
   * What the run is the one run of (unique): the scheduled tick that claimed it (workflow run of `sync-scheduled/con_…`),
   * or the credentials that connected the connector, for its first sync (`onboarding/<cand_…|oas_…>`).
   */
  tick_id: string | null;
  window_start: Timestamp | null;
  window_end: Timestamp | null;
  records_fetched: Generated<number>;
  records_added: Generated<number>;
  records_updated: Generated<number>;
  records_unchanged: Generated<number>;
  records_deleted: Generated<number>;
  pages: Generated<number>;
  progress: Json<SyncProgress> | null;
  error: Json<{ code: string; message: string }> | null;
  log: ColumnType<SyncLogLine[], string | undefined, string>;
  created_at: Generated<Date>;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface RecordsTable {
  id: Generated<number>;
  connector_id: string;
  kind: string;
  external_id: string;
  occurred_at: Timestamp;
  title: string;
  url: string | null;
  raw: Json;
  first_seen_at: Generated<Date>;
  /** When the content last changed (the version's time). */
  last_changed_at: Generated<Date>;
  /** Grows by one with every real change (content, deletion, restoration); 1 when first seen. */
  version: Generated<number>;
  /** Tombstone: deleted at the provider, or missing from a complete listing of its window. */
  deleted_at: Timestamp | null;
}

export const CHANGE_ACTIONS = ['added', 'updated', 'deleted'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];
export type ChangeSourceType = 'sync_run' | 'backfill';

/** Last feed position handed out per workspace (its row lock orders commits; see services/records.ts). */
export interface ChangeCountersTable {
  workspace_id: string;
  last_seq: number;
}

/** The changes one transaction committed for one connector, with its feed position `seq`. */
export interface ChangeBatchesTable {
  id: number;
  workspace_id: string;
  seq: number;
  connector_id: string;
  source_type: ChangeSourceType;
  source_id: string;
  changes: number;
  committed_at: Generated<Date>;
}

/** One change of one record: the record as it was at that version. */
export interface RecordChangesTable {
  batch_id: number;
  ordinal: number;
  record_id: number;
  kind: string;
  external_id: string;
  action: ChangeAction;
  version: number;
  changed_at: Timestamp;
  occurred_at: Timestamp;
  title: string;
  url: string | null;
  raw: Json;
  deleted_at: Timestamp | null;
}

export const EVENT_TYPES = [
  'connector.created',
  'connector.status_changed',
  'connector.deleted',
  'sync_run.succeeded',
  'sync_run.failed',
  'records.changed',
  'backfill.succeeded',
  'backfill.failed',
  'backfill.cancelled',
  'webhook_endpoint.disabled',
] as const;
export type EventType = (typeof EVENT_TYPES)[number] | 'ping';

export interface EventsTable {
  id: string;
  workspace_id: string;
  type: EventType;
  connector_id: string | null;
  payload: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
  dispatched_at: Timestamp | null;
}

export interface WebhookEndpointsTable {
  id: string;
  workspace_id: string;
  url: string;
  description: string | null;
  events: string[];
  connector_ids: string[] | null;
  secret_enc: string;
  enabled: Generated<boolean>;
  disabled_reason: string | null;
  consecutive_failures: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  deleted_at: Timestamp | null;
}

export interface WebhookDeliveriesTable {
  id: string;
  endpoint_id: string;
  event_id: string;
  workspace_id: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: Timestamp | null;
  last_status_code: number | null;
  last_error: string | null;
  redelivery_of: string | null;
  workflow_started: Generated<boolean>;
  /** While the outbox relay makes the first attempt: until when the claim holds. */
  lease_until: Timestamp | null;
  created_at: Generated<Date>;
  finished_at: Timestamp | null;
}

export interface WebhookAttemptsTable {
  id: Generated<number>;
  delivery_id: string;
  attempt: number;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
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
  /** The OAuth app the authorize URL was built with; the code exchange must use the same one. */
  oauth_app_ref: string | null;
}

export interface Database {
  workspaces: WorkspacesTable;
  api_keys: ApiKeysTable;
  connect_sessions: ConnectSessionsTable;
  connectors: ConnectorsTable;
  connector_status_changes: ConnectorStatusChangesTable;
  idempotency_keys: IdempotencyKeysTable;
  api_rate_counters: ApiRateCountersTable;
  connector_schedules: ConnectorSchedulesTable;
  sync_runs: SyncRunsTable;
  records: RecordsTable;
  change_counters: ChangeCountersTable;
  change_batches: ChangeBatchesTable;
  record_changes: RecordChangesTable;
  events: EventsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  oauth_states: OAuthStatesTable;
  backfills: BackfillsTable;
  backfill_chunks: BackfillChunksTable;
  provider_rate_limits: ProviderRateLimitsTable;
  oauth_apps: OAuthAppsTable;
}

export type SyncRunRow = Selectable<SyncRunsTable>;
export type RecordRow = Selectable<RecordsTable>;

export type Workspace = Selectable<WorkspacesTable>;
export type ConnectorRow = Selectable<ConnectorsTable>;
export type NewConnector = Insertable<ConnectorsTable>;
export type ConnectorUpdate = Updateable<ConnectorsTable>;
export type StatusChangeRow = Selectable<ConnectorStatusChangesTable>;
export type OAuthStateRow = Selectable<OAuthStatesTable>;

export const BACKFILL_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type BackfillStatus = (typeof BACKFILL_STATUSES)[number];
export type BackfillChunkStatus = 'pending' | 'running' | 'done' | 'failed';

/** Why a backfill failed: the failing chunk's window and the provider's (or our) reason. */
export interface BackfillError {
  code: string;
  message: string;
  chunk?: number;
  window?: { start: string; end: string };
}

export interface BackfillsTable {
  id: string;
  connector_id: string;
  workspace_id: string;
  status: BackfillStatus;
  window_start: Timestamp;
  window_end: Timestamp;
  /** The chunk length as requested (ISO-8601 duration) and in seconds. */
  chunk: string;
  chunk_seconds: number;
  chunks_total: number;
  concurrency: number;
  workflow_id: string;
  /** How many runs the workflow chain has had (continue-as-new starts a new one). */
  workflow_runs: Generated<number>;
  error: Json<BackfillError> | null;
  cancel_requested_at: Timestamp | null;
  created_at: Generated<Date>;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface BackfillChunksTable {
  backfill_id: string;
  index: number;
  window_start: Timestamp;
  window_end: Timestamp;
  status: Generated<BackfillChunkStatus>;
  /** Position inside the chunk, committed with each page: which kind, and the provider's page cursor. */
  kind_index: Generated<number>;
  page_cursor: string | null;
  pages: Generated<number>;
  records: Generated<number>;
  records_added: Generated<number>;
  records_updated: Generated<number>;
  records_unchanged: Generated<number>;
  records_deleted: Generated<number>;
  attempts: Generated<number>;
  /** Set when an earlier unfinished backfill already committed this exact window, so it was skipped. */
  reused_from: string | null;
  error: Json<{ code: string; message: string }> | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

/** After a provider 429, no sync or backfill of the connector calls the provider before `not_before`. */
export interface ProviderRateLimitsTable {
  connector_id: string;
  not_before: Timestamp;
  updated_at: Generated<Date>;
}

export type BackfillRow = Selectable<BackfillsTable>;
export type BackfillChunkRow = Selectable<BackfillChunksTable>;

/** A workspace's own OAuth app for a provider type; the secret only encrypted. */
export interface OAuthAppsTable {
  id: string;
  workspace_id: string;
  type: string;
  client_id: string;
  client_secret_enc: string;
  /** null = the manifest's scopes. */
  scopes: string[] | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type OAuthAppRow = Selectable<OAuthAppsTable>;
