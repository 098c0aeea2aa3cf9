// Workflow contracts: every workflow's input, result, signal and settings. Shared by workflows, activities,
// services, the API and tests; imports nothing of the application (only Temporal's own definitions).
import type { Duration } from '@temporalio/common';
import { defineSignal } from '@temporalio/workflow';

/** How long a user has to approve an OAuth authorization: the link, its state and the onboarding workflow. */
export const AUTHORIZATION_WINDOW_SECONDS = 600;

export interface ConnectionTestResult {
  success: boolean;
  latency_ms: number;
  error?: { code: string; message: string };
}

// ── onboarding/con_… (API key) and connection-test/con_…/… ─────────────────────────────────────────────

export interface OnboardingInput {
  connectorId: string;
  mode: 'api_key';
  /**
   * The candidate credentials this onboarding tests (`cand_…`): only they may be promoted or dropped by it,
   * so a second PUT …/credentials meanwhile cannot have its untested candidate promoted. Absent in runs
   * started before it existed (they act on whatever candidate is stored).
   */
  candidateId?: string;
}

export interface OnboardingResult extends ConnectionTestResult {
  /** The connector's status afterwards. */
  status: string;
  first_sync_run_id?: string | null;
}

export interface ConnectionTestInput {
  connectorId: string;
}

// ── onboarding/con_… (OAuth) ─────────────────────────────────────────────────────────────────────────────

/** The callback arrived for attempt `callbackId` (an `oas_…` id); the code itself stays encrypted in PostgreSQL. */
export interface OAuthCallback {
  callbackId: string;
}

export const oauthCallbackSignal = defineSignal<[OAuthCallback]>('oauthCallback');

export interface OAuthOnboardingInput {
  connectorId: string;
  /** The authorization attempt this run waits for; callbacks of other attempts are ignored. */
  attemptId: string;
  /** How long the user has to approve; AUTHORIZATION_WINDOW_SECONDS unless a test injects a shorter window. */
  authorizationWindow?: Duration;
}

export type OAuthOutcome = 'connected' | 'denied' | 'failed' | 'expired';

export interface OAuthOnboardingResult {
  outcome: OAuthOutcome;
  /** The connector's status afterwards. */
  status: string;
  error?: { code: string; message: string };
}

// ── sync/con_…/run_… and the scheduled tick sync-scheduled/con_… ─────────────────────────────────────────

/** Retry and liveness settings, chosen by whoever starts the run (from configuration). */
export interface SyncRunSettings {
  maxAttempts: number;
  initialRetryMs: number;
  heartbeatTimeoutSeconds: number;
}

export interface SyncWorkflowInput {
  connectorId: string;
  syncRunId: string;
  settings: SyncRunSettings;
}

export interface SyncWorkflowResult {
  status: string;
  pages?: number;
  fetched?: number;
}

export interface ScheduledSyncInput {
  connectorId: string;
  settings: SyncRunSettings;
}

export type ScheduledSyncResult = SyncWorkflowResult | { status: 'skipped'; syncRunId: string; reason?: string };

// ── backfill/bf_… ────────────────────────────────────────────────────────────────────────────────────────

/** Chosen by whoever starts the backfill (from configuration), and carried across continue-as-new. */
export interface BackfillSettings {
  concurrency: number;
  /** Chunks one workflow run handles before it continues as new (sooner if Temporal suggests it). */
  chunksPerRun: number;
  maxAttempts: number;
  initialRetryMs: number;
  heartbeatTimeoutSeconds: number;
}

export interface BackfillWorkflowInput {
  backfillId: string;
  connectorId: string;
  settings: BackfillSettings;
  /** Every chunk before this index is done. */
  nextChunk: number;
  /** 1 for the first run of the chain, +1 for each continue-as-new. */
  run: number;
}

export interface BackfillWorkflowResult {
  status: string;
  runs: number;
}

// ── webhook/whd_… ────────────────────────────────────────────────────────────────────────────────────────

export interface WebhookSettings {
  /** Waits before attempts 2, 3, …, e.g. ['5s', '5m', '30m', '2h', '5h', '10h', '10h']. */
  retrySchedule: string[];
}

export interface WebhookDeliveryInput {
  deliveryId: string;
  settings: WebhookSettings;
  /** The attempt to start with: 2 when the outbox relay made the first one (absent: 1). */
  firstAttempt?: number;
}

export interface WebhookDeliveryResult {
  status: string;
  attempts: number;
}

// ── maintenance/retention (one Temporal Schedule for the whole deployment) ──────────────────────────────────

/** What retention prunes, in the order it runs: deliveries before the events they reference. */
export const RETENTION_TARGETS = ['webhook_deliveries', 'events', 'idempotency_keys', 'sync_run_logs', 'skipped_runs', 'sync_runs', 'deleted_connectors'] as const;
export type RetentionTarget = (typeof RETENTION_TARGETS)[number];

/** Chosen from configuration by the worker that creates or updates the schedule. */
export interface RetentionSettings {
  /** Rows per statement (each batch is one short transaction). */
  batchSize: number;
  /** Rows older than this many seconds go (for deleted connectors: the grace period after deletion); 0 keeps them. */
  maxAgeSeconds: Record<RetentionTarget, number>;
}

export interface RetentionInput {
  settings: RetentionSettings;
  /** Where a continued-as-new run resumes (index into RETENTION_TARGETS), and what was pruned before it. */
  resumeAt?: number;
  pruned?: Partial<Record<RetentionTarget, number>>;
}

export interface RetentionResult {
  pruned: Partial<Record<RetentionTarget, number>>;
}
